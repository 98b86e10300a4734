import { ProfilePage } from '@/components/ProfilePage';

export default async function Page({ params }: { params: Promise<{ username: string }> }) {
  const { username } = await params;
  return <ProfilePage username={decodeURIComponent(username)} />;
}
