import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { DeleteJobButton } from './delete-job-button';
import { JobRunsCard } from './job-runs-card';
import { JobSettingsCard } from './job-settings-card';
import { taskKindOf } from './job-summary';
import { JobTasksTable } from './job-tasks-table';
import { getJob, type Job, jobKeys } from './jobs-api';
import { positiveId } from './route-ids';
import { RunNowButtons } from './run-now-buttons';
import { TaskDagView } from './task-dag-view';

const CRUMBS = [{ label: 'Workflows', to: '/workflows' }];

/** /workflows/jobs/:jobId: the job's tasks, settings and runs, with Run now and Delete job. */
export function JobPage() {
  const jobId = positiveId(useParams().jobId);
  const query = useQuery({
    queryKey: jobKeys.job(jobId ?? 0),
    queryFn: () => getJob(jobId ?? 0),
    enabled: jobId !== undefined,
  });
  if (jobId === undefined) {
    return (
      <Page title="Job" crumbs={CRUMBS}>
        <Empty title="This is not a job id">Pick a job from the list of Workflows.</Empty>
      </Page>
    );
  }
  const title = query.data ? query.data.settings.name || `Job ${jobId}` : `Job ${jobId}`;
  return (
    <Page
      title={title}
      crumbs={CRUMBS}
      actions={
        query.data && (
          <>
            <DeleteJobButton job={query.data} />
            <RunNowButtons job={query.data} />
          </>
        )
      }
    >
      <QueryView query={query} label="Loading the job">
        {(job) => <JobDetails job={job} />}
      </QueryView>
    </Page>
  );
}

function JobDetails({ job }: { job: Job }) {
  const tasks = job.settings.tasks ?? [];
  const dagTasks = useMemo(() => tasks.map((task) => ({ ...task, kind: taskKindOf(task).label })), [tasks]);
  return (
    <>
      <section className="card" aria-labelledby="job-tasks-title">
        <h2 id="job-tasks-title">Tasks</h2>
        {tasks.length === 0 ? (
          <Empty title="This job has no tasks">
            Add some with <code>databricks jobs reset</code> or <code>POST /api/2.2/jobs/update</code>.
          </Empty>
        ) : (
          <>
            <TaskDagView tasks={dagTasks} label={`Task graph of ${tasks.length} tasks`} />
            <JobTasksTable tasks={tasks} />
          </>
        )}
      </section>
      <JobSettingsCard job={job} />
      <JobRunsCard jobId={job.job_id} />
    </>
  );
}
