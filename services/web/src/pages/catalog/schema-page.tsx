import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { catalogKeys, getSchema, listTables, listVolumes } from './catalog-api';
import { catalogUrl } from './catalog-paths';
import { SecurableFacts } from './securable-facts';
import { SecurableTable } from './securable-table';

function Tables({ catalog, schema }: { catalog: string; schema: string }) {
  const tables = useQuery({
    queryKey: catalogKeys.tables(catalog, schema),
    queryFn: () => listTables(catalog, schema),
  });
  return (
    <QueryView query={tables} label="Listing tables">
      {(found) =>
        found.length === 0 ? (
          <Empty title="This schema has no tables">
            Create one with <code>CREATE TABLE</code> in the <Link to="/sql">SQL editor</Link>.
          </Empty>
        ) : (
          <SecurableTable
            caption={`Tables of ${catalog}.${schema}`}
            headings={['Type', 'Format', 'Owner', 'Comment']}
            rows={found.map((table) => ({
              key: table.name,
              name: table.name,
              to: catalogUrl(catalog, schema, table.name),
              cells: [table.table_type, table.data_source_format, table.owner, table.comment],
            }))}
          />
        )
      }
    </QueryView>
  );
}

function Volumes({ catalog, schema }: { catalog: string; schema: string }) {
  const volumes = useQuery({
    queryKey: catalogKeys.volumes(catalog, schema),
    queryFn: () => listVolumes(catalog, schema),
  });
  return (
    <QueryView query={volumes} label="Listing volumes">
      {(found) =>
        found.length === 0 ? (
          <Empty title="This schema has no volumes">
            Create one with <code>CREATE VOLUME {`${catalog}.${schema}`}.my_volume</code>.
          </Empty>
        ) : (
          <SecurableTable
            caption={`Volumes of ${catalog}.${schema}`}
            headings={['Type', 'Path', 'Storage location', 'Owner']}
            rows={found.map((volume) => ({
              key: volume.name,
              name: volume.name,
              cells: [
                volume.volume_type,
                <code key="path">{`/Volumes/${catalog}/${schema}/${volume.name}`}</code>,
                <code key="location">{volume.storage_location}</code>,
                volume.owner,
              ],
            }))}
          />
        )
      }
    </QueryView>
  );
}

/** /catalog/<catalog>/<schema>: a schema's tables and volumes. */
export function SchemaPage() {
  const { catalog = '', schema = '' } = useParams();
  const info = useQuery({
    queryKey: catalogKeys.schema(`${catalog}.${schema}`),
    queryFn: () => getSchema(`${catalog}.${schema}`),
  });
  const crumbs = [
    { label: 'Catalog', to: catalogUrl() },
    { label: catalog, to: catalogUrl(catalog) },
  ];
  return (
    <Page title={schema} crumbs={crumbs}>
      <QueryView query={info} label="Reading the schema">
        {(found) => <SecurableFacts securable={found} kind="Schema" />}
      </QueryView>
      <h2 className="cat-heading">Tables</h2>
      <Tables catalog={catalog} schema={schema} />
      <h2 className="cat-heading">Volumes</h2>
      <Volumes catalog={catalog} schema={schema} />
    </Page>
  );
}
