import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatTime } from '../../ui/format';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { TableFrame } from '../../ui/table-frame';
import { experimentKeys, searchExperiments } from './experiments-api';

/** /ml/experiments: the workspace's MLflow experiments, most recently updated first. */
export function ExperimentsListPage() {
  const query = useQuery({ queryKey: experimentKeys.list, queryFn: searchExperiments });
  return (
    <Page title="Experiments">
      <QueryView query={query} label="Loading experiments">
        {(experiments) =>
          experiments.length === 0 ? (
            <Empty title="No experiments yet">
              Log a run with <code>mlflow.set_tracking_uri("databricks")</code> and it appears here.
            </Empty>
          ) : (
            <TableFrame label="Experiments">
              <table className="data">
                <caption className="visually-hidden">Experiments</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Last modified</th>
                    <th scope="col">Created</th>
                    <th scope="col">Artifact location</th>
                  </tr>
                </thead>
                <tbody>
                  {experiments.map((experiment) => (
                    <tr key={experiment.experiment_id}>
                      <td className="wrap">
                        <Link to={`/ml/experiments/${experiment.experiment_id}`}>{experiment.name}</Link>
                      </td>
                      <td>{formatTime(experiment.last_update_time)}</td>
                      <td>{formatTime(experiment.creation_time)}</td>
                      <td className="mono wrap">{experiment.artifact_location}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableFrame>
          )
        }
      </QueryView>
    </Page>
  );
}
