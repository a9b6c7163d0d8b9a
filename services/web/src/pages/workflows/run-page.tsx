import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { CancelRunButton } from './cancel-run-button';
import { getJob, getRun, jobKeys } from './jobs-api';
import { positiveId } from './route-ids';
import { RunDetails } from './run-details';
import { isActive } from './run-status';

/** While the run is active it is read this often: its states, graph and timeline follow it. */
const ACTIVE_REFRESH_MS = 2_000;

/** /workflows/jobs/:jobId/runs/:runId: a run's progress, its task graph, timeline and outputs. */
export function RunPage() {
  const params = useParams();
  const jobId = positiveId(params.jobId);
  const runId = positiveId(params.runId);
  const run = useQuery({
    queryKey: jobKeys.run(runId ?? 0),
    queryFn: () => getRun(runId ?? 0),
    enabled: runId !== undefined,
    refetchInterval: (query) => (isActive(query.state.data?.state) ? ACTIVE_REFRESH_MS : false),
  });
  // Only for the job's name in the breadcrumbs: a deleted job's runs still show.
  const job = useQuery({
    queryKey: jobKeys.job(jobId ?? 0),
    queryFn: () => getJob(jobId ?? 0),
    enabled: jobId !== undefined,
    retry: false,
  });
  const jobName = job.data?.settings.name || run.data?.run_name || `Job ${jobId}`;
  const crumbs = [
    { label: 'Workflows', to: '/workflows' },
    { label: jobName, to: `/workflows/jobs/${jobId}` },
  ];
  if (jobId === undefined || runId === undefined) {
    return (
      <Page title="Job run" crumbs={crumbs.slice(0, 1)}>
        <Empty title="This is not a run id">Pick a run from a job's runs.</Empty>
      </Page>
    );
  }
  return (
    <Page
      title={`${jobName}: run ${runId}`}
      crumbs={crumbs}
      actions={run.data && isActive(run.data.state) && <CancelRunButton runId={runId} jobId={jobId} />}
    >
      <QueryView query={run} label="Loading the run">
        {(data) => <RunDetails run={data} />}
      </QueryView>
    </Page>
  );
}
