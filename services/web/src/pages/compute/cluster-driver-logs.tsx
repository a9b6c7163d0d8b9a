import { useSession } from '../../shell/session-context';
import { Empty } from '../../ui/states';
import type { ClusterDetails } from './clusters-api';

/** The Spark UI's port on the driver, reached through the workspace's driver proxy. */
const SPARK_UI_PORT = 4040;

/**
 * Driver logs: the REST API has no call that returns a driver's stdout, stderr or log4j output, so
 * this tab says so and points at what there is: the Spark UI of a running driver.
 */
export function ClusterDriverLogs({ cluster }: { cluster: ClusterDetails }) {
  const { workspaceId } = useSession();
  const sparkUi = `/driver-proxy/o/${workspaceId}/${cluster.cluster_id}/${SPARK_UI_PORT}/`;
  return (
    <Empty title="Driver logs are not available in this workspace yet.">
      {cluster.state === 'RUNNING' ? (
        <p>
          The Spark UI of the running driver shows its jobs, stages and executors:{' '}
          <a href={sparkUi} target="_blank" rel="noreferrer">
            open the Spark UI
          </a>{' '}
          (your browser asks to sign in: user name <code>token</code>, your personal access token as
          password).
        </p>
      ) : (
        <p>Start the cluster to open the Spark UI of its driver.</p>
      )}
    </Empty>
  );
}
