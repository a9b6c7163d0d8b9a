import { useQuery } from '@tanstack/react-query';
import { formatTime } from '../../ui/format';
import { StateBadge } from '../../ui/state-badge';
import { ErrorNotice, Loading } from '../../ui/states';
import { lastNotebookRun, RUNS_SEARCHED } from './last-job-run-api';

/**
 * What the notebook's newest job run ended with. Per-cell outputs are not part of the public API
 * (runs/get-output keeps only the notebook's exit value), so that value is what is shown.
 */
export function LastJobRun({ notebookPath }: { notebookPath: string }) {
  const query = useQuery({
    queryKey: ['workspace', 'last-run', notebookPath],
    queryFn: () => lastNotebookRun(notebookPath),
  });
  if (query.isPending) return <Loading label="Looking for the last job run" />;
  if (query.error) return <ErrorNotice error={query.error} />;
  const found = query.data;
  if (!found) {
    return (
      <p className="muted ws-last-run">
        No job ran this notebook in the workspace's latest {RUNS_SEARCHED} runs. Run it from Workflows to see
        its exit value here.
      </p>
    );
  }
  const { run, task, output } = found;
  const result = output.notebook_output?.result;
  return (
    <section className="card ws-last-run" aria-labelledby="last-run-title">
      <h2 id="last-run-title">Last job run</h2>
      <div className="row">
        <StateBadge state={task.state.result_state ?? task.state.life_cycle_state} />
        <span>
          {run.run_name} · task <code>{task.task_key}</code> · run {task.run_id} ·{' '}
          {formatTime(task.start_time)}
        </span>
      </div>
      {result !== undefined && (
        <>
          <h3 className="ws-output-title">
            Exit value{output.notebook_output?.truncated ? ' (truncated)' : ''}
          </h3>
          <pre>{result}</pre>
        </>
      )}
      {output.error && <pre className="tone-bad">{output.error}</pre>}
    </section>
  );
}
