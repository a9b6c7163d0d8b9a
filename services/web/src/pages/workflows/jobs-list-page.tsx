import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { JobNameFilter } from './job-name-filter';
import { jobKeys, listJobs } from './jobs-api';
import { JobsTable } from './jobs-table';
import { PageButtons } from './page-buttons';

const REFRESH_MS = 15_000;

/** /workflows: the workspace's jobs, a page at a time, refreshed while open. */
export function JobsListPage() {
  const [pageToken, setPageToken] = useState<string>();
  const [name, setName] = useState<string>();
  const query = useQuery({
    queryKey: jobKeys.list(pageToken, name),
    queryFn: () => listJobs(pageToken, name),
    refetchInterval: REFRESH_MS,
  });
  const filter = (wanted: string | undefined) => {
    setName(wanted);
    setPageToken(undefined);
  };
  return (
    <Page
      title="Workflows"
      actions={
        <Link className="btn primary" to="/workflows/create">
          Create job
        </Link>
      }
    >
      <JobNameFilter name={name} onFilter={filter} />
      <QueryView query={query} label="Loading jobs">
        {(page) =>
          page.jobs?.length ? (
            <>
              <JobsTable jobs={page.jobs} />
              <PageButtons page={page} onPage={setPageToken} what="jobs" />
            </>
          ) : name ? (
            <Empty title={`No job is named ${name}`}>Job names are matched whole, in any case.</Empty>
          ) : (
            <Empty title="No jobs yet">
              Create one with <Link to="/workflows/create">Create job</Link>, the SDK (
              <code>w.jobs.create(…)</code>), the CLI (<code>databricks jobs create</code>) or{' '}
              <code>POST /api/2.2/jobs/create</code>.
            </Empty>
          )
        }
      </QueryView>
    </Page>
  );
}
