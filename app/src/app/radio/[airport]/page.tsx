import { RadioPage } from '@/components/RadioPage';

export default async function Page({ params }: { params: Promise<{ airport: string }> }) {
  const { airport } = await params;
  return <RadioPage airport={decodeURIComponent(airport).toUpperCase()} />;
}
