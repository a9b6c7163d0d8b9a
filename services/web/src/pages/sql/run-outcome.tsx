import { formatDuration } from '../../ui/format';
import { StateBadge } from '../../ui/state-badge';
import { ErrorNotice } from '../../ui/states';
import { ResultChart } from './result-chart';
import { ResultGrid } from './result-grid';
import type { StatementRun } from './use-statement-run';

type Outcome = Exclude<StatementRun, { phase: 'idle' | 'running' }>;

function rowCount(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? 'row' : 'rows'}`;
}

/** How a statement ended: its rows as a grid and a chart, or why it did not produce them. */
export function RunOutcome({ run }: { run: Outcome }) {
  if (run.phase === 'error') {
    return (
      <section className="card" aria-label="Statement result">
        <ErrorNotice error={run.error} />
      </section>
    );
  }
  const summary = (
    <p className="row run-summary">
      <StateBadge state={run.phase.toUpperCase()} />
      {run.phase === 'succeeded' && <span data-testid="row-count">{rowCount(run.table.totalRowCount)}</span>}
      <span>in {formatDuration(run.durationMs)}</span>
      <span className="muted mono">{run.statementId}</span>
    </p>
  );
  if (run.phase === 'failed') {
    return (
      <section className="card" aria-label="Statement result">
        {summary}
        <div className="notice error" role="alert">
          {run.message}
        </div>
      </section>
    );
  }
  if (run.phase === 'canceled') {
    return (
      <section className="card" aria-label="Statement result">
        {summary}
        <p>The statement was canceled before it finished.</p>
      </section>
    );
  }
  return (
    <>
      <section className="card" aria-label="Statement result">
        {summary}
        {run.table.truncated && (
          <p className="notice">The warehouse cut the result short (the 25 MiB inline limit).</p>
        )}
        <ResultGrid table={run.table} />
      </section>
      {run.table.rows.length > 0 && (
        <section className="card" aria-labelledby="sql-chart-heading">
          <h2 id="sql-chart-heading">Visualization</h2>
          <ResultChart key={run.statementId} table={run.table} />
        </section>
      )}
    </>
  );
}
