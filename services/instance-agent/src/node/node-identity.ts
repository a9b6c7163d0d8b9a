import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, release, type } from 'node:os';
import type { AgentConfig } from '../config.js';
import { goArch, type NodeIdentity } from './node-object.js';

/** The identity of each configured Node, from this machine's facts. */
export function nodeIdentities(config: AgentConfig, agentPort: number, hostIP: string): NodeIdentity[] {
  const machineID =
    readFirstLine('/etc/machine-id') ?? createHash('sha256').update(hostname()).digest('hex').slice(0, 32);
  const osImage = prettyName(readFile('/etc/os-release')) ?? `${type()} ${release()}`;
  const bootID = randomUUID();
  return config.nodes.names.map((name) => ({
    name,
    instanceType: config.nodes.instanceType,
    capacity: config.nodes.capacity,
    extraLabels: config.nodes.labels,
    kubeletVersion: config.kubeletVersion,
    agentPort,
    hostIP,
    architecture: goArch(process.arch),
    kernelVersion: release(),
    osImage,
    // One machine plays every instance; the node name keeps their IDs apart.
    machineID: createHash('sha256').update(`${machineID}/${name}`).digest('hex').slice(0, 32),
    bootID,
    containerRuntimeVersion: `brickyard://node-${process.versions.node}`,
  }));
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
