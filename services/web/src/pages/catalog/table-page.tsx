import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { Page } from '../../ui/page';
import { QueryView } from '../../ui/states';
import { catalogKeys, getTable, type TableInfo } from './catalog-api';
import { catalogUrl, qualifiedName } from './catalog-paths';
import { StatementView } from './statement-view';
import { TableColumns } from './table-columns';
import { TableDetails } from './table-details';
import { type TableTab, tableTabOf, tabsFor } from './table-tabs';
import { WithWarehouse } from './warehouse-chooser';

function TabContent({ table, tab }: { table: TableInfo; tab: TableTab }) {
  const name = qualifiedName(table.catalog_name, table.schema_name, table.name);
  switch (tab) {
    case 'columns':
      return <TableColumns columns={table.columns ?? []} />;
    case 'details':
      return <TableDetails table={table} />;
    case 'sample':
      return (
        <WithWarehouse purpose="sample data">
          {(warehouseId) => (
            <StatementView
              key={warehouseId}
              warehouseId={warehouseId}
              statement={`SELECT * FROM ${name} LIMIT 20`}
              label={`Sample rows of ${table.full_name}`}
            />
          )}
        </WithWarehouse>
      );
    case 'history':
      return (
        <WithWarehouse purpose="the table's history">
          {(warehouseId) => (
            <StatementView
              key={warehouseId}
              warehouseId={warehouseId}
              statement={`DESCRIBE HISTORY ${name}`}
              label={`History of ${table.full_name}`}
            />
          )}
        </WithWarehouse>
      );
  }
}

function TableView({ table }: { table: TableInfo }) {
  const [search] = useSearchParams();
  const isView = table.table_type === 'VIEW';
  const tab = tableTabOf(search.get('tab'), isView);
  return (
    <>
      <p className="muted cat-subtitle">
        {table.table_type}
        {table.data_source_format ? ` · ${table.data_source_format}` : ''} · {table.full_name}
      </p>
      <nav className="tabs" aria-label="Table views">
        {tabsFor(isView).map((option) => (
          <Link
            key={option.id}
            to={`?tab=${option.id}`}
            replace
            className={option.id === tab ? 'active' : undefined}
            aria-current={option.id === tab ? 'page' : undefined}
          >
            {option.label}
          </Link>
        ))}
      </nav>
      <TabContent table={table} tab={tab} />
    </>
  );
}

/** /catalog/<catalog>/<schema>/<table>: a table's columns, sample rows, details and Delta history. */
export function TablePage() {
  const { catalog = '', schema = '', table = '' } = useParams();
  const fullName = `${catalog}.${schema}.${table}`;
  const info = useQuery({ queryKey: catalogKeys.table(fullName), queryFn: () => getTable(fullName) });
  const crumbs = [
    { label: 'Catalog', to: catalogUrl() },
    { label: catalog, to: catalogUrl(catalog) },
    { label: schema, to: catalogUrl(catalog, schema) },
  ];
  return (
    <Page title={table} crumbs={crumbs}>
      <QueryView query={info} label="Reading the table">
        {(found) => <TableView table={found} />}
      </QueryView>
    </Page>
  );
}
