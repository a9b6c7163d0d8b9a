import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, release, type } from 'node:os';
import type { NodeType } from '@brickyard/common/catalog';
import {
  INSTANCE_LABEL,
  INSTANCE_LIFECYCLE,
  INSTANCE_TAINT,
  InstanceAnnotations,
} from '@brickyard/common/vocabulary';
import type { AgentConfig } from '../config.js';
import { goArch, type NodeIdentity } from './node-object.js';

/** What every Node of the agent shares: this machine's facts and the agent's endpoint. */
export type MachineFacts = Omit<
  NodeIdentity,
  'name' | 'instanceType' | 'capacity' | 'extraLabels' | 'machineID' | 'taints' | 'annotations'
> & { machineID: string };

export function machineFacts(config: AgentConfig, agentPort: number, hostIP: string): MachineFacts {
  return {
    kubeletVersion: config.kubeletVersion,
    agentPort,
    hostIP,
    architecture: goArch(process.arch),
    kernelVersion: release(),
    osImage: prettyName(readFile('/etc/os-release')) ?? `${type()} ${release()}`,
    machineID:
      readFirstLine('/etc/machine-id') ?? createHash('sha256').update(hostname()).digest('hex').slice(0, 32),
    bootID: randomUUID(),
    containerRuntimeVersion: `brickyard://node-${process.versions.node}`,
  };
}

/** One machine plays every instance; the node name keeps their IDs apart. */
function nodeMachineID(machine: MachineFacts, name: string): string {
  return createHash('sha256').update(`${machine.machineID}/${name}`).digest('hex').slice(0, 32);
}

/** The identity of each configured Node. */
export function nodeIdentities(config: AgentConfig, machine: MachineFacts): NodeIdentity[] {
  return config.nodes.names.map((name) => ({
    ...machine,
    name,
    instanceType: config.nodes.instanceType,
    capacity: config.nodes.capacity,
    extraLabels: config.nodes.labels,
    machineID: nodeMachineID(machine, name),
  }));
}

/** An instance launched for a pod: the capacity of its node type, tainted for cluster pods only. */
export function instanceIdentity(
  machine: MachineFacts,
  name: string,
  nodeType: NodeType,
  launchedFor: string | undefined,
): NodeIdentity {
  return {
    ...machine,
    name,
    instanceType: nodeType.node_type_id,
    capacity: {
      cpu: String(nodeType.num_cores),
      memory: `${nodeType.memory_mb}Mi`,
      pods: '110',
      'ephemeral-storage': `${nodeType.local_disk_size_gb}Gi`,
    },
    extraLabels: { [INSTANCE_LABEL]: INSTANCE_LIFECYCLE },
    taints: [{ ...INSTANCE_TAINT }],
    ...(launchedFor ? { annotations: { [InstanceAnnotations.launchedFor]: launchedFor } } : {}),
    machineID: nodeMachineID(machine, name),
  };
}

function readFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function readFirstLine(path: string): string | undefined {
  return readFile(path)?.split('\n')[0]?.trim() || undefined;
}

function prettyName(osRelease: string | undefined): string | undefined {
  const line = osRelease?.split('\n').find((candidate) => candidate.startsWith('PRETTY_NAME='));
  return line?.slice('PRETTY_NAME='.length).replace(/^"|"$/g, '') || undefined;
}
