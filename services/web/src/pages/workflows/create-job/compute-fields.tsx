import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { get } from '../../../rest/client';
import { ErrorNotice } from '../../../ui/states';
import type { JobDraft } from './job-draft';

interface SparkVersions {
  versions: { key: string; name: string }[];
}
interface NodeTypes {
  node_types: { node_type_id: string; description: string }[];
}
interface Clusters {
  clusters?: { cluster_id: string; cluster_name: string; state: string }[];
}

/** Where the task runs: a new job cluster (the default, as in Databricks) or an all-purpose cluster. */
export function ComputeFields({
  draft,
  change,
}: {
  draft: JobDraft;
  change: (patch: Partial<JobDraft>) => void;
}) {
  const versions = useQuery({
    queryKey: ['spark-versions'],
    queryFn: () => get<SparkVersions>('/api/2.1/clusters/spark-versions'),
  });
  const nodeTypes = useQuery({
    queryKey: ['node-types'],
    queryFn: () => get<NodeTypes>('/api/2.1/clusters/list-node-types'),
  });
  const clusters = useQuery({
    queryKey: ['clusters-for-jobs'],
    queryFn: () => get<Clusters>('/api/2.1/clusters/list'),
    enabled: draft.compute === 'existing',
  });

  const firstVersion = versions.data?.versions[0]?.key;
  const firstNodeType = nodeTypes.data?.node_types[0]?.node_type_id;
  useEffect(() => {
    if (!draft.sparkVersion && firstVersion) change({ sparkVersion: firstVersion });
    if (!draft.nodeTypeId && firstNodeType) change({ nodeTypeId: firstNodeType });
  }, [draft.sparkVersion, draft.nodeTypeId, firstVersion, firstNodeType, change]);

  return (
    <fieldset className="stack">
      <legend>Compute</legend>
      <div className="row" role="radiogroup" aria-label="Compute">
        <label>
          <input type="radio" checked={draft.compute === 'new'} onChange={() => change({ compute: 'new' })} />{' '}
          New job cluster
        </label>
        <label>
          <input
            type="radio"
            checked={draft.compute === 'existing'}
            onChange={() => change({ compute: 'existing' })}
          />{' '}
          Existing all-purpose cluster
        </label>
      </div>
      {draft.compute === 'existing' ? (
        <div className="field">
          <label htmlFor="existing-cluster">Cluster</label>
          <select
            id="existing-cluster"
            value={draft.existingClusterId}
            onChange={(e) => change({ existingClusterId: e.target.value })}
            required
          >
            <option value="">Choose a cluster</option>
            {(clusters.data?.clusters ?? []).map((cluster) => (
              <option key={cluster.cluster_id} value={cluster.cluster_id}>
                {cluster.cluster_name} ({cluster.state})
              </option>
            ))}
          </select>
          {clusters.error && <ErrorNotice error={clusters.error} />}
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor="spark-version">Databricks Runtime version</label>
            <select
              id="spark-version"
              value={draft.sparkVersion}
              onChange={(e) => change({ sparkVersion: e.target.value })}
            >
              {(versions.data?.versions ?? []).map((version) => (
                <option key={version.key} value={version.key}>
                  {version.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="node-type">Node type</label>
            <select
              id="node-type"
              value={draft.nodeTypeId}
              onChange={(e) => change({ nodeTypeId: e.target.value })}
            >
              {(nodeTypes.data?.node_types ?? []).map((type) => (
                <option key={type.node_type_id} value={type.node_type_id}>
                  {type.node_type_id}: {type.description}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="num-workers">Workers</label>
            <input
              id="num-workers"
              type="number"
              min={0}
              value={draft.numWorkers}
              onChange={(e) => change({ numWorkers: Number(e.target.value) })}
            />
          </div>
          {(versions.error || nodeTypes.error) && <ErrorNotice error={versions.error ?? nodeTypes.error} />}
        </>
      )}
    </fieldset>
  );
}
