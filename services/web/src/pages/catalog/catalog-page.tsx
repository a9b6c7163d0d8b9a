import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { catalogKeys, getCatalog, listSchemas } from './catalog-api';
import { catalogUrl } from './catalog-paths';
import { SecurableFacts } from './securable-facts';
import { SecurableTable } from './securable-table';

/** /catalog/<catalog>: a catalog's schemas and what the catalog itself records. */
export function CatalogPage() {
  const catalog = useParams().catalog ?? '';
  const info = useQuery({ queryKey: catalogKeys.catalog(catalog), queryFn: () => getCatalog(catalog) });
  const schemas = useQuery({ queryKey: catalogKeys.schemas(catalog), queryFn: () => listSchemas(catalog) });
  return (
    <Page title={catalog} crumbs={[{ label: 'Catalog', to: catalogUrl() }]}>
      <QueryView query={info} label="Reading the catalog">
        {(found) => <SecurableFacts securable={found} kind={found.catalog_type} />}
      </QueryView>
      <h2 className="cat-heading">Schemas</h2>
      <QueryView query={schemas} label="Listing schemas">
        {(found) =>
          found.length === 0 ? (
            <Empty title="This catalog has no schemas">
              Create one with <code>CREATE SCHEMA {catalog}.my_schema</code> in the SQL editor.
            </Empty>
          ) : (
            <SecurableTable
              caption={`Schemas of ${catalog}`}
              headings={['Owner', 'Comment']}
              rows={found.map((schema) => ({
                key: schema.name,
                name: schema.name,
                to: catalogUrl(catalog, schema.name),
                cells: [schema.owner, schema.comment],
              }))}
            />
          )
        }
      </QueryView>
    </Page>
  );
}
