import { RadioChooser } from '@/components/RadioPage';

export default function Page() {
  return <RadioChooser />;
}
