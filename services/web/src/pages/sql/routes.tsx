import { Page } from '../../ui/page';
import { Empty } from '../../ui/states';

export default function SqlRoutes() {
  return (
    <Page title="Sql">
      <Empty title="This page is being built" />
    </Page>
  );
}
