import { formatDuration, formatTime } from '../../ui/format';
import { StateBadge } from '../../ui/state-badge';
import type { Run } from './jobs-api';
import { durationOf, isActive, statusOf } from './run-status';

/** Where the run is: its state and message, how far through its tasks, when and by whom it started. */
export function RunSummaryCard({ run, now }: { run: Run; now: number }) {
  const tasks = run.tasks ?? [];
  const done = tasks.filter((task) => !isActive(task.state)).length;
  const active = isActive(run.state);
  const parameters = run.job_parameters ?? [];
  return (
    <section className="card" aria-labelledby="run-summary-title">
      <h2 id="run-summary-title">Run {run.run_id}</h2>
      <div className="row wf-progress-row">
        <StateBadge state={statusOf(run.state)} />
        <progress
          className="wf-progress"
          aria-label="Tasks finished"
          max={Math.max(tasks.length, 1)}
          value={done}
        />
        <span data-testid="tasks-done">
          {done} of {tasks.length} tasks finished
        </span>
      </div>
      {run.state.state_message && (
        <p className={active ? 'muted' : ''} role={active ? 'status' : undefined}>
          {run.state.state_message}
        </p>
      )}
      <dl className="facts">
        <dt>Started</dt>
        <dd>{formatTime(run.start_time)}</dd>
        <dt>Ended</dt>
        <dd>{active ? 'Still running' : formatTime(run.end_time)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(durationOf(run, now))}</dd>
        <dt>Launched</dt>
        <dd>
          {run.trigger === 'PERIODIC' ? 'By the schedule' : 'Manually'}
          {run.creator_user_name && ` by ${run.creator_user_name}`}
        </dd>
        {parameters.length > 0 && (
          <>
            <dt>Job parameters</dt>
            <dd>
              {parameters.map((p) => (
                <code key={p.name} className="wf-chip">
                  {p.name}={p.value ?? p.default ?? ''}
                </code>
              ))}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
