import { useQuery } from '@tanstack/react-query';
import { StateBadge } from '../../ui/state-badge';
import { Empty, QueryView } from '../../ui/states';
import { getTaskOutput, jobKeys, type RunOutput, type RunTask } from './jobs-api';
import { isActive, statusOf } from './run-status';

const ACTIVE_REFRESH_MS = 3_000;

/** One task run's output (runs/get-output): its result, its error and trace, its logs. */
export function TaskOutputCard({ task }: { task: RunTask }) {
  const active = isActive(task.state);
  const query = useQuery({
    // Keyed by the task's life cycle too: the output is read again once the task ends, never
    // left as the last poll while it was running.
    queryKey: [...jobKeys.output(task.run_id), task.state.life_cycle_state],
    queryFn: () => getTaskOutput(task.run_id),
    refetchInterval: active ? ACTIVE_REFRESH_MS : false,
    // A condition task runs on no cluster and has no output: its outcome is in the run.
    enabled: !task.condition_task,
  });
  return (
    <section className="card" aria-labelledby="task-output-title">
      <h2 id="task-output-title" className="row">
        Output of {task.task_key} <StateBadge state={statusOf(task.state)} />
      </h2>
      {task.state.state_message && <p className="muted">{task.state.state_message}</p>}
      {task.condition_task?.outcome && (
        <p>
          The condition evaluated to <strong>{task.condition_task.outcome}</strong>.
        </p>
      )}
      {!task.condition_task && (
        <QueryView query={query} label="Loading the task output">
          {(output) => <OutputParts output={output} active={active} />}
        </QueryView>
      )}
    </section>
  );
}

function OutputParts({ output, active }: { output: RunOutput; active: boolean }) {
  const result = output.notebook_output?.result;
  const parts = [
    result !== undefined && (
      <OutputPart
        key="result"
        title="Result"
        text={result}
        note={output.notebook_output?.truncated ? 'truncated' : undefined}
      />
    ),
    output.error && <OutputPart key="error" title="Error" text={output.error} tone="bad" />,
    output.error_trace && <OutputPart key="trace" title="Error trace" text={output.error_trace} />,
    output.info && <OutputPart key="info" title="Info" text={output.info} />,
    output.sql_output !== undefined && (
      <OutputPart key="sql" title="SQL output" text={JSON.stringify(output.sql_output, null, 2)} />
    ),
    output.logs && (
      <OutputPart
        key="logs"
        title="Logs"
        text={output.logs}
        note={output.logs_truncated ? 'truncated' : undefined}
      />
    ),
  ].filter(Boolean);
  if (parts.length > 0) return <div className="stack wf-output">{parts}</div>;
  return active ? (
    <p className="muted">The task has no output yet; it shows here as the task runs.</p>
  ) : (
    <Empty title="This task left no output">
      A notebook's result is what it passes to <code>dbutils.notebook.exit(…)</code>; logs are what it prints.
    </Empty>
  );
}

function OutputPart({
  title,
  text,
  note,
  tone,
}: {
  title: string;
  text: string;
  note?: string | undefined;
  tone?: 'bad';
}) {
  return (
    <div>
      <h3 className={`wf-output-title${tone ? ` tone-${tone}` : ''}`}>
        {title}
        {note && <span className="muted"> ({note})</span>}
      </h3>
      <pre>{text}</pre>
    </div>
  );
}
