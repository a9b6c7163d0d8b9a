import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorNotice } from '../../ui/states';
import { cancelRun, jobKeys } from './jobs-api';

/** Cancel run, offered while the run is active; the run page then shows it canceling. */
export function CancelRunButton({ runId, jobId }: { runId: number; jobId: number }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => cancelRun(runId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: jobKeys.run(runId) });
      void queryClient.invalidateQueries({ queryKey: jobKeys.runs(jobId) });
    },
  });
  return (
    <>
      <button
        type="button"
        className="btn danger"
        onClick={() => cancel.mutate()}
        disabled={cancel.isPending || cancel.isSuccess}
      >
        {cancel.isPending || cancel.isSuccess ? 'Canceling…' : 'Cancel run'}
      </button>
      {cancel.error && <ErrorNotice error={cancel.error} />}
    </>
  );
}
