import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { TableFrame } from '../../ui/table-frame';

export interface SecurableRow {
  key: string;
  name: string;
  to?: string;
  cells: ReactNode[];
}

/** A list of catalogs, schemas, tables or volumes: the name (a link to its page) and facts beside it. */
export function SecurableTable({
  caption,
  headings,
  rows,
}: {
  caption: string;
  headings: string[];
  rows: SecurableRow[];
}) {
  return (
    <TableFrame label={caption}>
      <table className="data">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {headings.map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td>{row.to ? <Link to={row.to}>{row.name}</Link> : row.name}</td>
              {row.cells.map((cell, index) => (
                <td key={headings[index]}>{cell ?? '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
