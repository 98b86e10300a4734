import { ContestsPage } from '@/components/ContestsPage';

export default function Page() {
  return <ContestsPage />;
}
