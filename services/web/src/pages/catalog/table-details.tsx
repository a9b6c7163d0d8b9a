import { TableFrame } from '../../ui/table-frame';
import type { TableInfo } from './catalog-api';
import { SecurableFacts } from './securable-facts';

function Properties({ properties }: { properties: Record<string, string> }) {
  const entries = Object.entries(properties).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="muted">No properties.</p>;
  return (
    <TableFrame label="Properties">
      <table className="data">
        <caption className="visually-hidden">Properties</caption>
        <thead>
          <tr>
            <th scope="col">Property</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([key, value]) => (
            <tr key={key}>
              <td className="mono">{key}</td>
              <td className="mono cat-wrap">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

/** Where a table's data is, who owns it, its properties and (for a view) its query. */
export function TableDetails({ table }: { table: TableInfo }) {
  return (
    <>
      <SecurableFacts securable={table} kind={table.table_type} />
      <dl className="facts card">
        <dt>Data source format</dt>
        <dd>{table.data_source_format ?? '—'}</dd>
        <dt>Storage location</dt>
        <dd className="mono cat-wrap">{table.storage_location ?? '—'}</dd>
      </dl>
      {table.view_definition && (
        <section className="card">
          <h2>View definition</h2>
          <pre className="cat-full">{table.view_definition}</pre>
        </section>
      )}
      <h2 className="cat-heading">Properties</h2>
      <Properties properties={table.properties ?? {}} />
    </>
  );
}
