import type { Metadata } from 'next';
import { RadioPage } from '@/components/RadioPage';
import { radioMetadata } from '@/lib/share/page-metadata';

type Props = { params: Promise<{ airport: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return radioMetadata(decodeURIComponent((await params).airport).toUpperCase());
}

export default async function Page({ params }: Props) {
  const { airport } = await params;
  return <RadioPage airport={decodeURIComponent(airport).toUpperCase()} />;
}
