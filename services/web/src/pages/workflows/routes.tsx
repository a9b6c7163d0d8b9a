import { Page } from '../../ui/page';
import { Empty } from '../../ui/states';

export default function WorkflowsRoutes() {
  return (
    <Page title="Workflows">
      <Empty title="This page is being built" />
    </Page>
  );
}
