import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorNotice } from '../../ui/states';
import { type Job, jobKeys, type RunNowRequest, runNow } from './jobs-api';
import { RunNowDialog } from './run-now-dialog';

/** Run now (the job's own parameters) and Run now with different parameters; both open the new run. */
export function RunNowButtons({ job }: { job: Job }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const run = useMutation({
    mutationFn: (request: RunNowRequest) => runNow(request),
    onSuccess: ({ run_id }) => {
      void queryClient.invalidateQueries({ queryKey: jobKeys.runs(job.job_id) });
      navigate(`/workflows/jobs/${job.job_id}/runs/${run_id}`);
    },
  });
  return (
    <>
      <button type="button" className="btn" onClick={() => setAsking(true)} disabled={run.isPending}>
        Run now with different parameters
      </button>
      <button
        type="button"
        className="btn primary"
        onClick={() => run.mutate({ job_id: job.job_id })}
        disabled={run.isPending}
      >
        {run.isPending && !asking ? 'Starting…' : 'Run now'}
      </button>
      {run.error && !asking && <ErrorNotice error={run.error} />}
      {asking && (
        <RunNowDialog
          job={job}
          busy={run.isPending}
          error={run.error}
          onRun={(request) => run.mutate(request)}
          onClose={() => {
            setAsking(false);
            run.reset();
          }}
        />
      )}
    </>
  );
}
