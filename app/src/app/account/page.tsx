import { AccountPage } from '@/components/AccountPage';

export default function Page() {
  return <AccountPage />;
}
