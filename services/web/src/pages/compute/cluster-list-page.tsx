import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { costKeys, readWorkspaceCost } from '../../rest/cost';
import { Page } from '../../ui/page';
import { Empty, ErrorNotice, QueryView } from '../../ui/states';
import { ClusterTable } from './cluster-table';
import { clusterKeys, listClusters } from './clusters-api';
import { ComputeTabs } from './compute-tabs';
import { plural } from './words';

/** How often the list asks again: states change on their own (starting, auto-termination). */
const LIST_POLL_MS = 4_000;
const COST_POLL_MS = 10_000;

function CreateComputeLink() {
  return (
    <Link className="btn primary" to="/compute/create">
      Create compute
    </Link>
  );
}

/** /compute: the workspace's all-purpose clusters, live, each with its cost so far. */
export function ClusterListPage() {
  const clusters = useQuery({
    queryKey: clusterKeys.list,
    queryFn: listClusters,
    refetchInterval: LIST_POLL_MS,
  });
  // One call for every cluster's cost (workspace/cost), never one per row.
  const costs = useQuery({
    queryKey: costKeys.workspace,
    queryFn: readWorkspaceCost,
    refetchInterval: COST_POLL_MS,
    select: (cost) => new Map(cost.clusters.map((row) => [row.cluster_id, row.total_dollars])),
  });
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter.trim().toLowerCase());
  const shown = useMemo(
    () =>
      deferredFilter
        ? clusters.data?.filter((cluster) =>
            (cluster.cluster_name ?? cluster.cluster_id).toLowerCase().includes(deferredFilter),
          )
        : clusters.data,
    [clusters.data, deferredFilter],
  );

  return (
    <Page title="Compute" actions={<CreateComputeLink />}>
      <ComputeTabs />
      <QueryView query={clusters} label="Loading compute">
        {(all) =>
          all.length === 0 ? (
            <Empty title="No clusters yet.">
              <p>Create compute to run notebooks, jobs and Databricks Connect sessions.</p>
              <CreateComputeLink />
            </Empty>
          ) : (
            <>
              <div className="compute-toolbar">
                <label htmlFor="cluster-filter" className="visually-hidden">
                  Filter compute by name
                </label>
                <input
                  id="cluster-filter"
                  type="search"
                  placeholder="Filter compute by name"
                  value={filter}
                  onChange={(event) => setFilter(event.target.value)}
                />
                <span className="count" aria-live="polite">
                  {shown?.length === all.length
                    ? plural(all.length, 'cluster')
                    : `${shown?.length} of ${plural(all.length, 'cluster')}`}
                </span>
              </div>
              {costs.error ? <ErrorNotice error={costs.error} /> : null}
              {shown && shown.length > 0 ? (
                <ClusterTable clusters={shown} costs={costs.data} />
              ) : (
                <Empty title="No compute matches the filter." />
              )}
            </>
          )
        }
      </QueryView>
    </Page>
  );
}
