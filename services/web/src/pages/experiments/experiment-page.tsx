import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { formatDuration, formatTime } from '../../ui/format';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { TableFrame } from '../../ui/table-frame';
import { experimentKeys, getExperiment, type Run, searchRuns } from './experiments-api';

const REFRESH_MS = 10_000;

/** `key=value` pairs of a run's params or latest metrics, in key order. */
function pairs(entries: { key: string; value: string | number }[] | undefined): string {
  return [...(entries ?? [])]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((entry) => `${entry.key}=${entry.value}`)
    .join(', ');
}

function RunsTable({ runs }: { runs: Run[] }) {
  return (
    <TableFrame label="Runs">
      <table className="data">
        <caption className="visually-hidden">Runs</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Parameters</th>
            <th scope="col">Metrics</th>
          </tr>
        </thead>
        <tbody>
          {runs.map(({ info, data }) => (
            <tr key={info.run_id}>
              <td className="wrap">
                {info.run_name || info.run_id}
                <div className="muted mono">{info.run_id}</div>
              </td>
              <td>{info.status}</td>
              <td>{formatTime(info.start_time)}</td>
              <td>
                {formatDuration(
                  info.start_time && info.end_time ? info.end_time - info.start_time : undefined,
                )}
              </td>
              <td className="mono wrap">{pairs(data.params)}</td>
              <td className="mono wrap">{pairs(data.metrics)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

/** /ml/experiments/:id: one experiment and its runs, newest first, refreshed while open. */
export function ExperimentPage() {
  const { id = '' } = useParams();
  const experiment = useQuery({ queryKey: experimentKeys.one(id), queryFn: () => getExperiment(id) });
  const runs = useQuery({
    queryKey: experimentKeys.runs(id),
    queryFn: () => searchRuns(id),
    refetchInterval: REFRESH_MS,
  });
  return (
    <Page
      title={experiment.data?.name ?? `Experiment ${id}`}
      crumbs={[{ label: 'Experiments', to: '/ml/experiments' }]}
    >
      <QueryView query={experiment} label="Loading the experiment">
        {(found) => (
          <p className="muted">
            Experiment ID <span className="mono">{found.experiment_id}</span> · artifacts in{' '}
            <span className="mono">{found.artifact_location}</span>
          </p>
        )}
      </QueryView>
      <h2>Runs</h2>
      <QueryView query={runs} label="Loading runs">
        {(list) =>
          list.length === 0 ? <Empty title="No runs in this experiment yet" /> : <RunsTable runs={list} />
        }
      </QueryView>
    </Page>
  );
}
