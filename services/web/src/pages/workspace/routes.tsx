import { Page } from '../../ui/page';
import { Empty } from '../../ui/states';

export default function WorkspaceRoutes() {
  return (
    <Page title="Workspace">
      <Empty title="This page is being built" />
    </Page>
  );
}
