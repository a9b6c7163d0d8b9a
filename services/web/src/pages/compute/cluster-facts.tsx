import type { ReactNode } from 'react';
import { formatBytes, formatTime } from '../../ui/format';
import { StateBadge } from '../../ui/state-badge';
import { workersLabel } from './cluster-state';
import type { ClusterDetails } from './clusters-api';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function autotermination(minutes: number | undefined): string {
  if (minutes === undefined) return '—';
  return minutes === 0 ? 'Never' : `After ${minutes} minutes of inactivity`;
}

const entries = (map: Record<string, string> | undefined) => Object.entries(map ?? {});

/** What a cluster is and how it runs, as its configuration page shows it. */
export function ClusterFacts({ cluster }: { cluster: ClusterDetails }) {
  const { spec } = cluster;
  const live = cluster.executors?.length ?? 0;
  const tags = entries(spec.custom_tags);
  const sparkConf = entries(spec.spark_conf);
  return (
    <div className="grid-2">
      <section className="card" aria-labelledby="cluster-state-title">
        <h2 id="cluster-state-title">State</h2>
        <dl className="facts">
          <Fact term="State">
            <StateBadge state={cluster.state} />
          </Fact>
          {cluster.state_message && <Fact term="Message">{cluster.state_message}</Fact>}
          {cluster.termination_reason && (
            <Fact term="Termination reason">
              {cluster.termination_reason.code}
              {cluster.termination_reason.type ? ` (${cluster.termination_reason.type})` : ''}
            </Fact>
          )}
          <Fact term="Started">{formatTime(cluster.start_time)}</Fact>
          {cluster.last_restarted_time && (
            <Fact term="Restarted">{formatTime(cluster.last_restarted_time)}</Fact>
          )}
          {cluster.terminated_time && <Fact term="Terminated">{formatTime(cluster.terminated_time)}</Fact>}
          <Fact term="Last activity">{formatTime(cluster.last_activity_time)}</Fact>
          <Fact term="Workers up">{live}</Fact>
          {cluster.cluster_cores !== undefined && <Fact term="Cores">{cluster.cluster_cores}</Fact>}
          {cluster.cluster_memory_mb !== undefined && (
            <Fact term="Memory">{formatBytes(cluster.cluster_memory_mb * 1024 * 1024)}</Fact>
          )}
        </dl>
      </section>
      <section className="card" aria-labelledby="cluster-config-title">
        <h2 id="cluster-config-title">Configuration</h2>
        <dl className="facts">
          <Fact term="Cluster ID">
            <code>{cluster.cluster_id}</code>
          </Fact>
          <Fact term="Runtime">{spec.spark_version}</Fact>
          <Fact term="Worker type">{spec.node_type_id ?? '—'}</Fact>
          <Fact term="Driver type">{spec.driver_node_type_id ?? spec.node_type_id ?? '—'}</Fact>
          <Fact term="Workers">{workersLabel(cluster)}</Fact>
          <Fact term="Auto termination">{autotermination(spec.autotermination_minutes)}</Fact>
          <Fact term="Creator">{cluster.creator_user_name ?? '—'}</Fact>
          <Fact term="Source">{cluster.cluster_source ?? '—'}</Fact>
          {tags.length > 0 && (
            <Fact term="Tags">{tags.map(([key, value]) => `${key}=${value}`).join(', ')}</Fact>
          )}
          {sparkConf.length > 0 && (
            <Fact term="Spark config">
              <pre>{sparkConf.map(([key, value]) => `${key} ${value}`).join('\n')}</pre>
            </Fact>
          )}
        </dl>
      </section>
    </div>
  );
}
