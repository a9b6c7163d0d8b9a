import { useQuery } from '@tanstack/react-query';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { catalogKeys, listCatalogs } from './catalog-api';
import { catalogUrl } from './catalog-paths';
import { SecurableTable } from './securable-table';

/** /catalog: the metastore's catalogs. */
export function CatalogsPage() {
  const catalogs = useQuery({ queryKey: catalogKeys.catalogs, queryFn: listCatalogs });
  return (
    <Page title="Catalog">
      <QueryView query={catalogs} label="Listing catalogs">
        {(found) =>
          found.length === 0 ? (
            <Empty title="There are no catalogs">
              Create one with <code>CREATE CATALOG</code> in the SQL editor, or{' '}
              <code>databricks catalogs create</code>.
            </Empty>
          ) : (
            <SecurableTable
              caption="Catalogs"
              headings={['Type', 'Owner', 'Comment']}
              rows={found.map((catalog) => ({
                key: catalog.name,
                name: catalog.name,
                to: catalogUrl(catalog.name),
                cells: [catalog.catalog_type, catalog.owner, catalog.comment],
              }))}
            />
          )
        }
      </QueryView>
    </Page>
  );
}
