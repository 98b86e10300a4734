import { CommunityPage } from '@/components/CommunityPage';

export default function Page() {
  return <CommunityPage />;
}
