import { ThemesPage } from '@/components/ThemesPage';

export default function Page() {
  return <ThemesPage />;
}
