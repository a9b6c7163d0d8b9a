import { Page } from '../../ui/page';
import { Empty } from '../../ui/states';

export default function SettingsRoutes() {
  return (
    <Page title="Settings">
      <Empty title="This page is being built" />
    </Page>
  );
}
