import { ErrorNotice } from '../../ui/states';
import { ResultGrid } from './result-grid';
import { StatementProgress } from './statement-progress';
import { useStatement } from './use-statement';

/** A statement run on a warehouse when shown, then its rows, or why there are none. */
export function StatementView({
  warehouseId,
  statement,
  label,
}: {
  warehouseId: string;
  statement: string;
  label: string;
}) {
  const { run, rerun } = useStatement(warehouseId, statement);
  const again = (
    <button type="button" className="btn" onClick={rerun} disabled={run.phase === 'running'}>
      Run again
    </button>
  );
  return (
    <div className="cat-statement">
      <div className="row">
        <code className="cat-statement-text">{statement}</code>
        {again}
      </div>
      {run.phase === 'running' && <StatementProgress run={run} warehouseId={warehouseId} />}
      {run.phase === 'error' && <ErrorNotice error={run.error} />}
      {run.phase === 'failed' && (
        <p className="notice error" role="alert">
          The statement failed: {run.message}
        </p>
      )}
      {run.phase === 'canceled' && <p className="muted">The statement was canceled.</p>}
      {run.phase === 'succeeded' && <ResultGrid result={run.result} label={label} />}
    </div>
  );
}
