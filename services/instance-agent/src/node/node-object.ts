import { asKubeTime } from '@brickyard/common/kube';
import { INSTANCE_AGENT_NODE_LABEL } from '@brickyard/common/vocabulary';
import type { V1Lease, V1Node, V1NodeStatus } from '@kubernetes/client-node';

/** Everything a Node of the agent says about itself. */
export interface NodeIdentity {
  name: string;
  instanceType: string;
  capacity: Readonly<Record<string, string>>;
  extraLabels: Readonly<Record<string, string>>;
  /** Set at registration only: the node lifecycle controller owns the taints from then on. */
  taints?: readonly { key: string; value: string; effect: string }[];
  annotations?: Readonly<Record<string, string>>;
  kubeletVersion: string;
  /** The agent's HTTP port, reported as the kubelet endpoint. */
  agentPort: number;
  hostIP: string;
  architecture: string;
  kernelVersion: string;
  osImage: string;
  machineID: string;
  bootID: string;
  containerRuntimeVersion: string;
}

export interface NodeConditionBody {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastHeartbeatTime: string;
  lastTransitionTime: string;
}

export interface NodeStatusBody {
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  conditions: NodeConditionBody[];
  addresses: { type: string; address: string }[];
  daemonEndpoints: { kubeletEndpoint: { Port: number } };
  nodeInfo: {
    machineID: string;
    systemUUID: string;
    bootID: string;
    kernelVersion: string;
    osImage: string;
    containerRuntimeVersion: string;
    kubeletVersion: string;
    kubeProxyVersion: string;
    operatingSystem: string;
    architecture: string;
  };
}

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** Node.js's process.arch in the GOARCH spelling Kubernetes uses. */
export function goArch(arch: string): string {
  const names: Record<string, string> = {
    x64: 'amd64',
    ia32: '386',
    arm64: 'arm64',
    arm: 'arm',
    ppc64: 'ppc64le',
  };
  return names[arch] ?? arch;
}

export function nodeLabels(identity: NodeIdentity): Record<string, string> {
  return {
    ...identity.extraLabels,
    'kubernetes.io/hostname': identity.name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': identity.architecture,
    'node.kubernetes.io/instance-type': identity.instanceType,
    [INSTANCE_AGENT_NODE_LABEL]: 'true',
  };
}

/** The Node to register: labels and the status a kubelet reports at registration. */
export function nodeObject(identity: NodeIdentity, now: string): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: identity.name,
      labels: nodeLabels(identity),
      ...(identity.annotations ? { annotations: { ...identity.annotations } } : {}),
    },
    spec: identity.taints ? { taints: identity.taints.map((taint) => ({ ...taint })) } : {},
    status: nodeStatus(identity, [], now) as unknown as V1NodeStatus,
  };
}

/** A condition the agent reports, with its reason and message as a kubelet words them. */
const CONDITIONS: readonly Omit<NodeConditionBody, 'lastHeartbeatTime' | 'lastTransitionTime'>[] = [
  {
    type: 'MemoryPressure',
    status: 'False',
    reason: 'KubeletHasSufficientMemory',
    message: 'instance agent has sufficient memory available',
  },
  {
    type: 'DiskPressure',
    status: 'False',
    reason: 'KubeletHasNoDiskPressure',
    message: 'instance agent has no disk pressure',
  },
  {
    type: 'PIDPressure',
    status: 'False',
    reason: 'KubeletHasSufficientPID',
    message: 'instance agent has sufficient PID available',
  },
  {
    type: 'Ready',
    status: 'True',
    reason: 'KubeletReady',
    message: 'instance agent is posting ready status',
  },
];

/**
 * The Node status with a fresh heartbeat: capacity = allocatable, the pressure conditions False
 * and Ready True. A condition keeps its transition time while its status stays the same (after
 * an outage the node lifecycle controller will have set Unknown, so Ready transitions again).
 */
export function nodeStatus(
  identity: NodeIdentity,
  previous: readonly { type: string; status: string; lastTransitionTime?: unknown }[],
  now: string,
): NodeStatusBody {
  return {
    capacity: { ...identity.capacity },
    allocatable: { ...identity.capacity },
    conditions: CONDITIONS.map((condition) => {
      const before = previous.find((candidate) => candidate.type === condition.type);
      const kept = before?.status === condition.status ? asKubeTime(before.lastTransitionTime) : undefined;
      return { ...condition, lastHeartbeatTime: now, lastTransitionTime: kept ?? now };
    }),
    addresses: [
      { type: 'InternalIP', address: identity.hostIP },
      { type: 'Hostname', address: identity.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: identity.agentPort } },
    nodeInfo: {
      machineID: identity.machineID,
      systemUUID: identity.machineID,
      bootID: identity.bootID,
      kernelVersion: identity.kernelVersion,
      osImage: identity.osImage,
      containerRuntimeVersion: identity.containerRuntimeVersion,
      kubeletVersion: identity.kubeletVersion,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: identity.architecture,
    },
  };
}

/** The node's Lease in kube-node-lease, owned by the Node so it goes when the Node does. */
export function nodeLease(
  nodeName: string,
  nodeUid: string,
  leaseDurationSeconds: number,
  renewTime: Date,
): V1Lease {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: nodeName,
      namespace: NODE_LEASE_NAMESPACE,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid }],
    },
    spec: { holderIdentity: nodeName, leaseDurationSeconds, renewTime },
  };
}
