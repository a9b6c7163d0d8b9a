import { TableFrame } from '../../ui/table-frame';
import type { CellOutput } from './cell-output';
import type { CellRun } from './use-notebook-run';

function OutputTable({ output }: { output: Extract<CellOutput, { kind: 'table' }> }) {
  return (
    <TableFrame label="Result table" className="nb-output-table">
      <table className="data">
        <thead>
          <tr>
            {output.columns.map((column, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: two result columns may share a name
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {output.rows.map((row, rowIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: result rows have no identity but their position
            <tr key={rowIndex}>
              {row.map((value, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: values have no identity but their column
                <td key={index}>{value}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {output.truncated && <p className="muted">The result was truncated.</p>}
    </TableFrame>
  );
}

function Output({ output }: { output: CellOutput }) {
  switch (output.kind) {
    case 'text':
      return output.text ? <pre className="nb-output-text">{output.text}</pre> : null;
    case 'table':
      return <OutputTable output={output} />;
    case 'error':
      return (
        <div className="notice error" role="alert">
          <strong>{output.summary}</strong>
          {output.cause && <pre className="nb-output-text">{output.cause}</pre>}
        </div>
      );
    case 'unsupported':
      return <p className="muted">This cell returned an {output.what}, which is not shown here.</p>;
  }
}

/** What running the cell on a cluster gave, or where it stands. */
export function CellRunView({ run }: { run: CellRun }) {
  switch (run.state) {
    case 'waiting':
      return <p className="muted nb-output">Waiting…</p>;
    case 'running':
      return (
        <p className="muted nb-output row">
          <span className="spinner" aria-hidden="true" /> Running…
        </p>
      );
    case 'not-run':
      return <p className="muted nb-output">Not run: an earlier cell failed.</p>;
    case 'skipped':
      return run.reason ? <p className="muted nb-output">{run.reason}</p> : null;
    case 'done':
      return (
        <section className="nb-output" aria-label="Output">
          <Output output={run.output} />
        </section>
      );
  }
}
