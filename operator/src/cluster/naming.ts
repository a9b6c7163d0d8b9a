import { ClusterRoles } from '@brickyard/common/vocabulary';

/**
 * Names of a cluster's objects, derived from the cluster id (the resource's name) alone: stable
 * and unique, so a retry or a second operator can never create a second copy of one.
 */

type ClusterRole = (typeof ClusterRoles)[keyof typeof ClusterRoles];

/** One pod of a cluster: the driver (index 0) or worker `index`. */
export interface PodSlot {
  role: ClusterRole;
  index: number;
  name: string;
}

function driverPodName(clusterId: string): string {
  return `${clusterId}-driver`;
}

function workerPodName(clusterId: string, index: number): string {
  return `${clusterId}-worker-${index}`;
}

/** The driver's Service (DNS-1123 label names are valid Service names since Kubernetes 1.34). */
export function driverServiceName(clusterId: string): string {
  return `${clusterId}-driver`;
}

export function driverSlot(clusterId: string): PodSlot {
  return { role: ClusterRoles.driver, index: 0, name: driverPodName(clusterId) };
}

export function workerSlot(clusterId: string, index: number): PodSlot {
  return { role: ClusterRoles.worker, index, name: workerPodName(clusterId, index) };
}

/** Which slot a pod name stands for; undefined for a name the operator never gives. */
export function slotOfPodName(clusterId: string, podName: string): PodSlot | undefined {
  if (podName === driverPodName(clusterId)) return driverSlot(clusterId);
  const prefix = `${clusterId}-worker-`;
  if (!podName.startsWith(prefix)) return undefined;
  const index = podName.slice(prefix.length);
  return /^(0|[1-9][0-9]{0,3})$/.test(index) ? workerSlot(clusterId, Number(index)) : undefined;
}

/** Longest cluster id whose derived names (`-worker-1000`, label values) stay valid. */
const MAX_CLUSTER_ID_LENGTH = 50;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Why a cluster id cannot name pods and a Service, or undefined when it can. */
export function invalidClusterId(clusterId: string): string | undefined {
  if (clusterId.length > MAX_CLUSTER_ID_LENGTH || !DNS_LABEL.test(clusterId)) {
    return (
      `Cluster name ${clusterId} must be at most ${MAX_CLUSTER_ID_LENGTH} lowercase letters, digits ` +
      "and '-' (it names the cluster's pods and Service)"
    );
  }
  return undefined;
}
