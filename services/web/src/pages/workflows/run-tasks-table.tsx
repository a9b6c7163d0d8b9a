import { Link } from 'react-router';
import { formatDuration, formatTime } from '../../ui/format';
import { StateBadge } from '../../ui/state-badge';
import { TableFrame } from '../../ui/table-frame';
import { taskKindOf } from './job-summary';
import type { RunTask } from './jobs-api';
import { durationOf, statusOf } from './run-status';

/** The run's tasks as links that open each one's output: the graph's keyboard alternative. */
export function RunTasksTable({
  tasks,
  selectedKey,
  now,
}: {
  tasks: readonly RunTask[];
  selectedKey: string | undefined;
  now: number;
}) {
  return (
    <TableFrame label="Task runs">
      <table className="data">
        <caption className="visually-hidden">Task runs</caption>
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col" className="num">
              Duration
            </th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.task_key} className={task.task_key === selectedKey ? 'wf-selected' : undefined}>
              <th scope="row">
                <Link
                  to={`?task=${encodeURIComponent(task.task_key)}`}
                  aria-current={task.task_key === selectedKey ? 'true' : undefined}
                  replace
                >
                  {task.task_key}
                </Link>
              </th>
              <td>{taskKindOf(task).label}</td>
              <td>
                <StateBadge state={statusOf(task.state)} />
              </td>
              <td>{formatTime(task.start_time)}</td>
              <td className="num">{formatDuration(durationOf(task, now))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
