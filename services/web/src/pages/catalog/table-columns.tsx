import { Empty } from '../../ui/states';
import { TableFrame } from '../../ui/table-frame';
import type { ColumnInfo } from './catalog-api';

/** A table's columns as Unity Catalog records them, in their order. */
export function TableColumns({ columns }: { columns: ColumnInfo[] }) {
  if (columns.length === 0) {
    return (
      <Empty title="Unity Catalog records no columns for this table">
        Columns are recorded when the table is created with them (CREATE TABLE, or the tables API).
      </Empty>
    );
  }
  const ordered = [...columns].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  return (
    <TableFrame label="Columns">
      <table className="data">
        <caption className="visually-hidden">Columns</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Nullable</th>
            <th scope="col">Comment</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((column) => (
            <tr key={column.name}>
              <td className="mono">
                {column.name}
                {column.partition_index !== undefined && <span className="muted"> (partition)</span>}
              </td>
              <td className="mono">{column.type_text ?? column.type_name ?? '—'}</td>
              <td>{column.nullable === false ? 'No' : 'Yes'}</td>
              <td>{column.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
