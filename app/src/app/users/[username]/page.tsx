import type { Metadata } from 'next';
import { ProfilePage } from '@/components/ProfilePage';
import { profileMetadata } from '@/lib/share/page-metadata';

type Props = { params: Promise<{ username: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return profileMetadata(decodeURIComponent((await params).username));
}

export default async function Page({ params }: Props) {
  const { username } = await params;
  return <ProfilePage username={decodeURIComponent(username)} />;
}
