import { Page } from '../../ui/page';
import { Empty } from '../../ui/states';

export default function CatalogRoutes() {
  return (
    <Page title="Catalog">
      <Empty title="This page is being built" />
    </Page>
  );
}
