import { Link } from 'react-router';
import { formatTime } from '../../ui/format';
import { TableFrame } from '../../ui/table-frame';
import type { Job } from './jobs-api';
import { LastRunCell } from './last-run-cell';
import { TriggerText } from './trigger-text';

export function JobsTable({ jobs }: { jobs: readonly Job[] }) {
  return (
    <TableFrame label="Jobs of the workspace">
      <table className="data">
        <caption className="visually-hidden">Jobs of the workspace</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Trigger</th>
            <th scope="col">Last run</th>
            <th scope="col">Created by</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.job_id}>
              <td>
                <Link to={`/workflows/jobs/${job.job_id}`}>{job.settings.name || `Job ${job.job_id}`}</Link>
              </td>
              <td>
                <TriggerText settings={job.settings} />
              </td>
              <td>
                <LastRunCell jobId={job.job_id} />
              </td>
              <td>{job.creator_user_name ?? '—'}</td>
              <td>{formatTime(job.created_time)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
