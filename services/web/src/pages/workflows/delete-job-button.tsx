import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ModalDialog } from '../../ui/dialog';
import { ErrorNotice } from '../../ui/states';
import { deleteJob, type Job } from './jobs-api';

/** Delete job, after asking: its active runs are canceled, its finished runs stay readable. */
export function DeleteJobButton({ job }: { job: Job }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const remove = useMutation({
    mutationFn: () => deleteJob(job.job_id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['jobs'] });
      navigate('/workflows');
    },
  });
  const name = job.settings.name || `Job ${job.job_id}`;
  return (
    <>
      <button type="button" className="btn danger" onClick={() => setAsking(true)}>
        Delete job
      </button>
      {asking && (
        <ModalDialog title={`Delete ${name}?`} onClose={() => setAsking(false)}>
          <p>The job and its schedule are removed and its active runs are canceled. This cannot be undone.</p>
          {remove.error && <ErrorNotice error={remove.error} />}
          <div className="row dialog-actions">
            <button
              type="button"
              className="btn"
              onClick={() => setAsking(false)}
              disabled={remove.isPending}
            >
              Cancel
            </button>
            <button
              type="button"
              className="btn danger"
              onClick={() => remove.mutate()}
              disabled={remove.isPending}
            >
              {remove.isPending ? 'Deleting…' : 'Delete'}
            </button>
          </div>
        </ModalDialog>
      )}
    </>
  );
}
