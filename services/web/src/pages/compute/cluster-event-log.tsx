import { useQuery } from '@tanstack/react-query';
import { formatTime } from '../../ui/format';
import { StateBadge } from '../../ui/state-badge';
import { Empty, QueryView } from '../../ui/states';
import { describeEvent, pollInterval } from './cluster-state';
import { clusterKeys, listClusterEvents } from './clusters-api';

/** The newest events the timeline shows (the API keeps the most recent ones). */
const EVENTS_SHOWN = 100;

/** Event log: the cluster's events, newest first, as they happen. */
export function ClusterEventLog({ clusterId, state }: { clusterId: string; state: string }) {
  const events = useQuery({
    queryKey: clusterKeys.events(clusterId),
    queryFn: () => listClusterEvents(clusterId, EVENTS_SHOWN),
    refetchInterval: pollInterval(state),
  });
  return (
    <QueryView query={events} label="Loading events">
      {({ events: shown = [], total_count }) =>
        shown.length === 0 ? (
          <Empty title="No events yet.">
            Events appear here as the cluster is created, starts and stops.
          </Empty>
        ) : (
          <section className="card" aria-labelledby="event-log-title">
            <h2 id="event-log-title">
              Event log{' '}
              <span className="compute-subtle">
                {total_count > shown.length ? `(newest ${shown.length} of ${total_count})` : ''}
              </span>
            </h2>
            <ol className="timeline">
              {shown.map((event) => (
                <li key={`${event.timestamp}-${event.type}-${JSON.stringify(event.details ?? {})}`}>
                  <time dateTime={new Date(event.timestamp).toISOString()}>
                    {formatTime(event.timestamp)}
                  </time>
                  <span>
                    <StateBadge state={event.type} />
                  </span>
                  <span>{describeEvent(event)}</span>
                </li>
              ))}
            </ol>
          </section>
        )
      }
    </QueryView>
  );
}
