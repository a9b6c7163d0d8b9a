import { formatDuration } from '../../ui/format';
import { StateBadge } from '../../ui/state-badge';
import { ErrorNotice } from '../../ui/states';
import { useElapsed } from '../../ui/use-elapsed';
import type { StatementRun } from './use-statement-run';

type Running = Extract<StatementRun, { phase: 'running' }>;

const WHAT_HAPPENS: Record<Running['state'], string> = {
  SUBMITTING: 'Submitting the statement',
  PENDING: 'Waiting for the warehouse (a stopped warehouse is starting)',
  RUNNING: 'Running',
  SUCCEEDED: 'Reading the result',
  FAILED: 'Ending',
  CANCELED: 'Ending',
  CLOSED: 'Ending',
};

/** A statement on its way: its state, the time it has taken so far, and the way to stop it. */
export function RunProgress({ run, onCancel }: { run: Running; onCancel: () => void }) {
  const elapsed = useElapsed(run.startedAt);
  return (
    <div className="card run-progress">
      <div className="row" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        {run.state !== 'SUBMITTING' && <StateBadge state={run.state} />}
        <span>{WHAT_HAPPENS[run.state]}…</span>
        <span className="muted">{formatDuration(elapsed)}</span>
      </div>
      <button type="button" className="btn danger" onClick={onCancel} disabled={run.cancelRequested}>
        {run.cancelRequested ? 'Canceling…' : 'Cancel'}
      </button>
      {run.cancelError !== undefined && <ErrorNotice error={run.cancelError} />}
    </div>
  );
}
