import { ContestPage } from '@/components/ContestPage';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ContestPage id={decodeURIComponent(id)} />;
}
