import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ErrorNotice } from '../../ui/states';
import { listRunningClusters } from './command-api';
import type { NotebookRun } from './use-notebook-run';

/** The running cluster to run the notebook on, and the Run all / Stop buttons. */
export function RunOnCluster({
  run,
  onRun,
  onStop,
}: {
  run: NotebookRun;
  onRun: (clusterId: string) => void;
  onStop: () => void;
}) {
  const id = useId();
  const clusters = useQuery({ queryKey: ['workspace', 'running-clusters'], queryFn: listRunningClusters });
  const [picked, setPicked] = useState<string>();
  const busy = run.phase === 'starting' || run.phase === 'running';
  if (clusters.isPending) return null;
  if (clusters.error) return <ErrorNotice error={clusters.error} />;
  const chosen = picked ?? clusters.data[0]?.cluster_id;
  if (!chosen) {
    return (
      <p className="muted">
        To run this notebook here, start a cluster in <Link to="/compute">Compute</Link>.
      </p>
    );
  }
  return (
    <div className="row nb-run">
      <label htmlFor={id}>Cluster</label>
      <select id={id} value={chosen} onChange={(event) => setPicked(event.target.value)} disabled={busy}>
        {clusters.data.map((cluster) => (
          <option key={cluster.cluster_id} value={cluster.cluster_id}>
            {cluster.cluster_name}
          </option>
        ))}
      </select>
      {busy ? (
        <button type="button" className="btn" onClick={onStop}>
          Stop
        </button>
      ) : (
        <button type="button" className="btn primary" onClick={() => onRun(chosen)}>
          Run all
        </button>
      )}
      <span role="status" className="muted">
        {run.phase === 'starting' && 'Creating an execution context…'}
        {run.phase === 'running' && 'Running…'}
        {run.phase === 'finished' && 'Finished.'}
      </span>
      {run.phase === 'failed' && <ErrorNotice error={run.error} />}
    </div>
  );
}
