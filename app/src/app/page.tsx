import { ComposePage } from '@/components/ComposePage';

export default function Page() {
  return <ComposePage />;
}
