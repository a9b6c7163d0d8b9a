import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatTime } from '../../ui/format';
import { StateBadge } from '../../ui/state-badge';
import { jobKeys, listRuns } from './jobs-api';
import { statusOf } from './run-status';

const REFRESH_MS = 10_000;

/** The newest run of a job, in its row of the jobs list: jobs/list does not carry it. */
export function LastRunCell({ jobId }: { jobId: number }) {
  const query = useQuery({
    queryKey: [...jobKeys.runs(jobId), 'latest'],
    queryFn: () => listRuns(jobId, 1),
    refetchInterval: REFRESH_MS,
  });
  if (query.isPending) return <span className="muted">…</span>;
  if (query.error) return <span className="tone-bad">{query.error.message}</span>;
  const run = query.data.runs?.[0];
  if (!run) return <span className="muted">Never run</span>;
  return (
    <Link to={`/workflows/jobs/${jobId}/runs/${run.run_id}`} className="wf-run-link">
      <StateBadge state={statusOf(run.state)} />
      <span className="muted">{formatTime(run.start_time)}</span>
    </Link>
  );
}
