import { Page } from '../../ui/page';
import { Empty } from '../../ui/states';

export default function ComputeRoutes() {
  return (
    <Page title="Compute">
      <Empty title="This page is being built" />
    </Page>
  );
}
