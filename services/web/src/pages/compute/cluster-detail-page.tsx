import { useQuery } from '@tanstack/react-query';
import { NavLink, useParams } from 'react-router';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { ClusterActionBar } from './cluster-action-bar';
import { ClusterCostTab } from './cluster-cost-tab';
import { ClusterDriverLogs } from './cluster-driver-logs';
import { ClusterEventLog } from './cluster-event-log';
import { ClusterFacts } from './cluster-facts';
import { ClusterInstances } from './cluster-instances';
import { isTransitional, pollInterval } from './cluster-state';
import { type ClusterDetails, clusterKeys, getCluster } from './clusters-api';
import { StartProgress } from './start-progress';

/** The tabs under the facts, each at its own path (the event log at the cluster's own). */
const TABS = [
  { path: '', label: 'Event log' },
  { path: 'instances', label: 'Instances' },
  { path: 'driver-logs', label: 'Driver logs' },
  { path: 'cost', label: 'Cost' },
] as const;

function TabContent({ tab, cluster }: { tab: string; cluster: ClusterDetails }) {
  switch (tab) {
    case '':
      return <ClusterEventLog clusterId={cluster.cluster_id} state={cluster.state} />;
    case 'instances':
      return <ClusterInstances cluster={cluster} />;
    case 'driver-logs':
      return <ClusterDriverLogs cluster={cluster} />;
    case 'cost':
      return <ClusterCostTab clusterId={cluster.cluster_id} />;
    default:
      return <Empty title="There is no such tab">Pick one above.</Empty>;
  }
}

/** /compute/clusters/:clusterId/*: one cluster, live, with its actions and tabs. */
export function ClusterDetailPage() {
  const params = useParams();
  const clusterId = params.clusterId ?? '';
  const tab = (params['*'] ?? '').replace(/\/$/, '');
  const cluster = useQuery({
    queryKey: clusterKeys.one(clusterId),
    queryFn: () => getCluster(clusterId),
    refetchInterval: (query) => pollInterval(query.state.data?.state),
  });
  const base = `/compute/clusters/${clusterId}`;
  return (
    <Page
      title={cluster.data?.cluster_name || clusterId}
      crumbs={[{ label: 'Compute', to: '/compute' }]}
      actions={cluster.data && <ClusterActionBar cluster={cluster.data} />}
    >
      <QueryView query={cluster} label="Loading the cluster">
        {(details) => (
          <>
            {isTransitional(details.state) && <StartProgress cluster={details} />}
            <ClusterFacts cluster={details} />
            <nav className="tabs" aria-label="Cluster tabs">
              {TABS.map((item) => (
                <NavLink key={item.path} to={item.path ? `${base}/${item.path}` : base} end>
                  {item.label}
                </NavLink>
              ))}
            </nav>
            <TabContent tab={tab} cluster={details} />
          </>
        )}
      </QueryView>
    </Page>
  );
}
