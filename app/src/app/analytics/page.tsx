import { AnalyticsPage } from '@/components/AnalyticsPage';

export default function Page() {
  return <AnalyticsPage />;
}
