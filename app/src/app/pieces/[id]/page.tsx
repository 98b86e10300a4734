import { PiecePage } from '@/components/PiecePage';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PiecePage id={decodeURIComponent(id)} />;
}
