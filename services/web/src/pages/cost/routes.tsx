import { Page } from '../../ui/page';
import { Empty } from '../../ui/states';

export default function CostRoutes() {
  return (
    <Page title="Cost">
      <Empty title="This page is being built" />
    </Page>
  );
}
