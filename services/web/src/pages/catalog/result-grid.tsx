import { TableFrame } from '../../ui/table-frame';
import type { ResultRows } from './statement-outcome';

/** Rows of a statement's result under their columns, NULL told apart from text. */
export function ResultGrid({ result, label }: { result: ResultRows; label: string }) {
  if (result.rows.length === 0) {
    return <p className="muted">No rows.</p>;
  }
  return (
    <>
      <TableFrame label={label}>
        <table className="data cat-result">
          <thead>
            <tr>
              {result.columns.map((column, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two columns of a result may share a name
                <th key={index} scope="col">
                  {column.name} <span className="muted cat-type">{column.typeText}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row, rowIndex) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: result rows have no identity but their position
              <tr key={rowIndex}>
                {row.map((value, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: values have no identity but their column
                  <td key={index}>{value ?? <span className="muted">null</span>}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
      {result.more && <p className="muted">Only the first rows are shown.</p>}
    </>
  );
}
