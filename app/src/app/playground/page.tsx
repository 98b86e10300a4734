import { PlaygroundPage } from '@/components/PlaygroundPage';

export default function Page() {
  return <PlaygroundPage />;
}
