import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ConfirmDialog } from '../../ui/dialog';
import { ErrorNotice } from '../../ui/states';
import { actionsIn } from './cluster-state';
import { actOnCluster, type ClusterAction, type ClusterDetails, clusterKeys } from './clusters-api';

type Confirmed = Exclude<ClusterAction, 'start'>;

/** What each confirmation asks, in Databricks' words. */
const QUESTIONS: Record<Confirmed, { title: string; confirm: string; body: string }> = {
  restart: {
    title: 'Restart compute?',
    confirm: 'Restart',
    body: 'Running commands and notebooks attached to it are interrupted.',
  },
  delete: {
    title: 'Terminate compute?',
    confirm: 'Terminate',
    body: 'Its instances are released; its configuration is kept and it can be started again.',
  },
  'permanent-delete': {
    title: 'Delete compute?',
    confirm: 'Delete',
    body: 'It is terminated and its configuration removed. This cannot be undone.',
  },
};

/** Start, restart, terminate, edit and delete, each offered in the states the API accepts it. */
export function ClusterActionBar({ cluster }: { cluster: ClusterDetails }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [asking, setAsking] = useState<Confirmed>();
  const id = cluster.cluster_id;
  const act = useMutation({
    mutationFn: (action: ClusterAction) => actOnCluster(action, id),
    onSuccess: async (_answer, action) => {
      setAsking(undefined);
      if (action === 'permanent-delete') {
        // Away from the page first, so that nothing asks again for the cluster that is gone.
        navigate('/compute');
        queryClient.removeQueries({ queryKey: clusterKeys.one(id) });
        queryClient.removeQueries({ queryKey: clusterKeys.events(id) });
        await queryClient.invalidateQueries({ queryKey: clusterKeys.list });
        return;
      }
      await queryClient.invalidateQueries({ queryKey: clusterKeys.all });
    },
  });
  const allowed = actionsIn(cluster.state);
  const ask = (action: Confirmed) => {
    act.reset();
    setAsking(action);
  };
  const question = asking && QUESTIONS[asking];
  return (
    <div className="row">
      {allowed.start && (
        <button
          type="button"
          className="btn primary"
          disabled={act.isPending}
          onClick={() => act.mutate('start')}
        >
          Start
        </button>
      )}
      {allowed.restart && (
        <button type="button" className="btn" disabled={act.isPending} onClick={() => ask('restart')}>
          Restart
        </button>
      )}
      {allowed.terminate && (
        <button type="button" className="btn" disabled={act.isPending} onClick={() => ask('delete')}>
          Terminate
        </button>
      )}
      {allowed.edit && (
        <Link className="btn" to={`/compute/clusters/${id}/edit`}>
          Edit
        </Link>
      )}
      <button
        type="button"
        className="btn danger"
        disabled={act.isPending}
        onClick={() => ask('permanent-delete')}
      >
        Delete
      </button>
      {!asking && act.error ? <ErrorNotice error={act.error} /> : null}
      {asking && question && (
        <ConfirmDialog
          title={question.title}
          confirmLabel={question.confirm}
          busy={act.isPending}
          error={act.error}
          onConfirm={() => act.mutate(asking)}
          onCancel={() => setAsking(undefined)}
        >
          <p>
            <strong>{cluster.cluster_name || id}</strong>: {question.body}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
