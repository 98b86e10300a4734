import { DocsPage } from '@/components/DocsPage';

export default function Page() {
  return <DocsPage />;
}
