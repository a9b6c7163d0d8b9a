import { Route, Routes } from 'react-router';
import { CreateJobPage } from './create-job/create-job-page';
import { JobPage } from './job-page';
import { JobsListPage } from './jobs-list-page';
import { RunPage } from './run-page';
import './workflows.css';

/** /workflows: the jobs, a job, a job run, and Create job. */
export default function WorkflowsRoutes() {
  return (
    <Routes>
      <Route index element={<JobsListPage />} />
      <Route path="create" element={<CreateJobPage />} />
      <Route path="jobs/:jobId" element={<JobPage />} />
      <Route path="jobs/:jobId/runs/:runId" element={<RunPage />} />
    </Routes>
  );
}
