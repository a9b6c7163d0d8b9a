import { TableFrame } from '../../ui/table-frame';
import { computeOf, taskKindOf } from './job-summary';
import type { JobTask } from './jobs-api';

/** The job's tasks as text: the graph's content for the keyboard and screen readers, with details. */
export function JobTasksTable({ tasks }: { tasks: readonly JobTask[] }) {
  return (
    <TableFrame label="Tasks of the job">
      <table className="data">
        <caption className="visually-hidden">Tasks of the job</caption>
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">Type</th>
            <th scope="col">Runs</th>
            <th scope="col">Depends on</th>
            <th scope="col">Compute</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => {
            const kind = taskKindOf(task);
            return (
              <tr key={task.task_key}>
                <th scope="row">{task.task_key}</th>
                <td>{kind.label}</td>
                <td className="mono wf-wrap">{kind.detail ?? '—'}</td>
                <td>{dependenciesText(task)}</td>
                <td>{computeOf(task)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableFrame>
  );
}

function dependenciesText(task: JobTask): string {
  const upstream = (task.depends_on ?? []).map((d) =>
    d.outcome ? `${d.task_key} (${d.outcome})` : d.task_key,
  );
  if (upstream.length === 0) return '—';
  return task.run_if && task.run_if !== 'ALL_SUCCESS'
    ? `${upstream.join(', ')}; runs if ${task.run_if}`
    : upstream.join(', ');
}
