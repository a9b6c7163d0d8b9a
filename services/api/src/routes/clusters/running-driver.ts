import { isUpState, reportedState } from '@brickyard/common/cluster-spec';
import type { ClusterResource } from '@brickyard/common/crd';
import { invalidState } from '../../errors/databricks-error.js';

/**
 * The address of a running cluster's driver, where its execution contexts and web UIs live. They
 * exist only while the cluster runs (a restart or termination ends them), so any other state is
 * refused rather than waited for, as Databricks does.
 */
export function runningDriverAddress(cluster: ClusterResource): string {
  const state = reportedState(cluster);
  const address = cluster.status?.driver?.privateIp;
  if (!isUpState(state) || !address) {
    throw invalidState(`Cluster ${cluster.metadata.name ?? ''} is not running (state ${state})`);
  }
  return address;
}
