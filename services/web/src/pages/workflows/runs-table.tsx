import { Link } from 'react-router';
import { formatDuration, formatTime } from '../../ui/format';
import { StateBadge } from '../../ui/state-badge';
import { TableFrame } from '../../ui/table-frame';
import type { Run } from './jobs-api';
import { durationOf, statusOf } from './run-status';

const TRIGGERS: Record<string, string> = { ONE_TIME: 'Manual', PERIODIC: 'Scheduled', RETRY: 'Retry' };

/** A job's runs, newest first, each a link to its run page. */
export function RunsTable({ jobId, runs, now }: { jobId: number; runs: readonly Run[]; now: number }) {
  return (
    <TableFrame label="Runs of the job, newest first">
      <table className="data">
        <caption className="visually-hidden">Runs of the job, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Start time</th>
            <th scope="col">Run ID</th>
            <th scope="col">Launched</th>
            <th scope="col">Launched by</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.run_id}>
              <td>
                <Link to={`/workflows/jobs/${jobId}/runs/${run.run_id}`}>{formatTime(run.start_time)}</Link>
              </td>
              <td className="mono">{run.run_id}</td>
              <td>{TRIGGERS[run.trigger] ?? run.trigger}</td>
              <td>{run.creator_user_name ?? '—'}</td>
              <td className="num">{formatDuration(durationOf(run, now))}</td>
              <td>
                <StateBadge state={statusOf(run.state)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
