import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Empty, QueryView } from '../../ui/states';
import { jobKeys, listRuns } from './jobs-api';
import { PageButtons } from './page-buttons';
import { RunHistoryView } from './run-history-view';
import { isActive } from './run-status';
import { RunsTable } from './runs-table';

/** The API's page size of runs/list at most. */
const RUNS_PER_PAGE = 25;
const ACTIVE_REFRESH_MS = 3_000;
const IDLE_REFRESH_MS = 15_000;

/** A job's runs: their durations as a chart, then as a table; polled faster while one is active. */
export function JobRunsCard({ jobId }: { jobId: number }) {
  const [pageToken, setPageToken] = useState<string>();
  const query = useQuery({
    queryKey: [...jobKeys.runs(jobId), 'page', pageToken ?? ''],
    queryFn: () => listRuns(jobId, RUNS_PER_PAGE, pageToken),
    refetchInterval: (current) =>
      current.state.data?.runs?.some((run) => isActive(run.state)) ? ACTIVE_REFRESH_MS : IDLE_REFRESH_MS,
  });
  return (
    <section className="card" aria-labelledby="job-runs-title">
      <h2 id="job-runs-title">Runs</h2>
      <QueryView query={query} label="Loading runs">
        {(page) =>
          page.runs?.length ? (
            <>
              <RunHistoryView runs={page.runs} now={query.dataUpdatedAt} />
              <RunsTable jobId={jobId} runs={page.runs} now={query.dataUpdatedAt} />
              <PageButtons page={page} onPage={setPageToken} what="runs" />
            </>
          ) : (
            <Empty title="This job has not run yet">Start a run with Run now, or give it a schedule.</Empty>
          )
        }
      </QueryView>
    </section>
  );
}
