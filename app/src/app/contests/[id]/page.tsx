import type { Metadata } from 'next';
import { ContestPage } from '@/components/ContestPage';
import { contestMetadata } from '@/lib/share/page-metadata';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return contestMetadata(decodeURIComponent((await params).id));
}

export default async function Page({ params }: Props) {
  const { id } = await params;
  return <ContestPage id={decodeURIComponent(id)} />;
}
