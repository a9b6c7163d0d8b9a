import { TableFrame } from '../../ui/table-frame';
import type { ResultTable } from './statement-result';

/** Rows drawn in the grid; the chart and the counts still use every row collected. */
const SHOWN_ROWS = 1_000;

/** The rows of a result under its columns (name and SQL type), NULL told apart from text. */
export function ResultGrid({ table }: { table: ResultTable }) {
  if (table.columns.length === 0) {
    return <p className="muted">The statement returned no result set.</p>;
  }
  const shown = table.rows.slice(0, SHOWN_ROWS);
  return (
    <>
      <TableFrame label="Result rows" className="sql-grid">
        <table className="data">
          <caption className="visually-hidden">Statement result</caption>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column.position} scope="col" className={column.numeric ? 'num' : undefined}>
                  {column.name} <span className="column-type">{column.typeText}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, rowIndex) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: result rows have no identity but their position
              <tr key={rowIndex}>
                {table.columns.map((column, index) => (
                  <td key={column.position} className={column.numeric ? 'num' : undefined}>
                    {row[index] ?? <span className="null">NULL</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
      {table.rows.length > shown.length && (
        <p className="muted">
          Showing the first {shown.length.toLocaleString()} of {table.totalRowCount.toLocaleString()} rows.
        </p>
      )}
    </>
  );
}
