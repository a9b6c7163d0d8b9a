import { describe, expect, it } from 'vitest';
import { goArch, type NodeIdentity, nodeLabels, nodeLease, nodeStatus } from './node-object.js';

const identity: NodeIdentity = {
  name: 'brickyard-instance-0',
  instanceType: 'brickyard-local',
  capacity: { cpu: '16', memory: '64Gi', pods: '110' },
  extraLabels: { team: 'data', 'kubernetes.io/hostname': 'ignored' },
  kubeletVersion: 'v1.36.3-brickyard',
  agentPort: 18082,
  hostIP: '127.0.0.1',
  architecture: 'amd64',
  kernelVersion: '6.1.0',
  osImage: 'Debian GNU/Linux 12',
  machineID: 'm',
  bootID: 'b',
  containerRuntimeVersion: 'brickyard://20.19.0',
};

const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:00:30Z';

describe('nodeLabels', () => {
  it('labels the node as a kubelet does and marks it as the agent’s', () => {
    expect(nodeLabels(identity)).toEqual({
      team: 'data',
      'kubernetes.io/hostname': 'brickyard-instance-0',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'node.kubernetes.io/instance-type': 'brickyard-local',
      'brickyard.dev/instance-agent': 'true',
    });
  });
});

describe('nodeStatus', () => {
  it('reports capacity as allocatable, addresses and node info', () => {
    const status = nodeStatus(identity, [], T0);
    expect(status.allocatable).toEqual(identity.capacity);
    expect(status.capacity).toEqual(identity.capacity);
    expect(status.addresses).toEqual([
      { type: 'InternalIP', address: '127.0.0.1' },
      { type: 'Hostname', address: 'brickyard-instance-0' },
    ]);
    expect(status.nodeInfo).toMatchObject({
      kubeletVersion: 'v1.36.3-brickyard',
      operatingSystem: 'linux',
      architecture: 'amd64',
    });
  });

  it('is Ready without pressure, every condition with a fresh heartbeat', () => {
    const status = nodeStatus(identity, [], T0);
    expect(status.conditions.map((condition) => [condition.type, condition.status])).toEqual([
      ['MemoryPressure', 'False'],
      ['DiskPressure', 'False'],
      ['PIDPressure', 'False'],
      ['Ready', 'True'],
    ]);
    expect(status.conditions.every((condition) => condition.lastHeartbeatTime === T0)).toBe(true);
  });

  it('keeps the transition time of an unchanged condition and moves a changed one', () => {
    const previous = [
      { type: 'Ready', status: 'Unknown', lastTransitionTime: new Date(T0) },
      { type: 'MemoryPressure', status: 'False', lastTransitionTime: T0 },
    ];
    const conditions = nodeStatus(identity, previous, T1).conditions;
    expect(conditions.find((condition) => condition.type === 'Ready')?.lastTransitionTime).toBe(T1);
    expect(conditions.find((condition) => condition.type === 'MemoryPressure')?.lastTransitionTime).toBe(T0);
  });
});

describe('nodeLease', () => {
  it('is held by the node and owned by it', () => {
    const renewTime = new Date(T0);
    expect(nodeLease('n', 'uid-1', 40, renewTime)).toMatchObject({
      metadata: {
        name: 'n',
        namespace: 'kube-node-lease',
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'n', uid: 'uid-1' }],
      },
      spec: { holderIdentity: 'n', leaseDurationSeconds: 40, renewTime },
    });
  });
});

describe('goArch', () => {
  it.each([
    { arch: 'x64', go: 'amd64' },
    { arch: 'arm64', go: 'arm64' },
    { arch: 's390x', go: 's390x' },
  ])('spells $arch as $go', ({ arch, go }) => {
    expect(goArch(arch)).toBe(go);
  });
});
