import { describe, expect, it } from 'vitest';
import {
  type Instance,
  type InstancePlanInput,
  planInstances,
  settlingBytes,
  type WaitingPod,
} from './instance-plan.js';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

const pod = (uid: string, instanceType = 'm5d.large', expectedMemoryBytes = GIB): WaitingPod => ({
  uid,
  key: `ws-1/${uid}`,
  instanceType,
  expectedMemoryBytes,
  admitted: false,
});

const instance = (name: string, overrides: Partial<Instance> = {}): Instance => ({
  name,
  instanceType: 'm5d.large',
  launchedFor: undefined,
  launchedAtMs: 0,
  pods: 0,
  emptySinceMs: 0,
  ...overrides,
});

const input = (overrides: Partial<InstancePlanInput>): InstancePlanInput => ({
  waiting: [],
  instances: [],
  availableBytes: 16 * GIB,
  reserveBytes: GIB,
  settleMs: 60_000,
  idleMs: 30_000,
  settlingBytes: 0,
  now: 100_000,
  ...overrides,
});

describe('planInstances', () => {
  it('launches one instance per waiting pod while memory lasts', () => {
    const plan = planInstances(input({ waiting: [pod('a'), pod('b')] }));
    expect(plan.launch.map((p) => p.uid)).toEqual(['a', 'b']);
    expect(plan.refuse).toEqual([]);
  });

  it('launches nothing for a pod whose instance is up and empty: the scheduler binds it there', () => {
    const plan = planInstances(
      input({ waiting: [pod('a')], instances: [instance('i-1', { launchedFor: 'a' })] }),
    );
    expect(plan).toEqual({ launch: [], handOver: [], refuse: [], retire: [] });
  });

  it('launches again for a pod whose instance another pod of its type took', () => {
    const taken = instance('i-1', { launchedFor: 'a', pods: 1, emptySinceMs: undefined });
    const plan = planInstances(input({ waiting: [pod('a')], instances: [taken] }));
    expect(plan.launch.map((p) => p.uid)).toEqual(['a']);
  });

  it('hands a spare empty instance of the same type to a waiting pod instead of launching', () => {
    const spare = instance('i-1', { launchedFor: 'gone' });
    const other = instance('i-2', { instanceType: 'r5d.large', launchedFor: 'gone-too' });
    const plan = planInstances(input({ waiting: [pod('a')], instances: [other, spare], now: 1_000 }));
    expect(plan.handOver).toEqual([{ instance: 'i-1', pod: pod('a') }]);
    expect(plan.launch).toEqual([]);
    expect(plan.retire).toEqual([]);
  });

  it('refuses a pod that does not fit even when an empty instance of its type is there', () => {
    const spare = instance('i-1', { launchedFor: 'gone' });
    const plan = planInstances(
      input({ waiting: [pod('a', 'm5d.large', 100 * GIB)], instances: [spare], now: 1_000 }),
    );
    expect(plan.handOver).toEqual([]);
    expect(plan.refuse.map(({ pod: refused }) => refused.uid)).toEqual(['a']);
  });

  it('refuses pods that do not fit in the available memory less the reserve and what is settling', () => {
    const plan = planInstances(
      input({
        waiting: [pod('a', 'm5d.large', 2 * GIB), pod('b', 'm5d.large', 2 * GIB), pod('c', 'm5d.large', GIB)],
        availableBytes: 5 * GIB,
        reserveBytes: GIB,
        settlingBytes: GIB,
      }),
    );
    expect(plan.launch.map((p) => p.uid)).toEqual(['a', 'c']);
    expect(plan.refuse.map(({ pod: refused }) => refused.uid)).toEqual(['b']);
    expect(plan.refuse[0]?.message).toBe(
      'We currently do not have sufficient capacity for m5d.large instances: pod ws-1/b needs 2048 MiB ' +
        'of host memory and 1024 MiB is free for new instances. Terminate other clusters or try again later.',
    );
  });

  it('gives an instance to a pod let through before, whatever the memory now', () => {
    const admitted = { ...pod('a'), admitted: true };
    const plan = planInstances(input({ waiting: [admitted], availableBytes: 0 }));
    expect(plan.launch).toEqual([admitted]);
  });

  it('says 0 MiB is free rather than a negative amount', () => {
    const plan = planInstances(input({ waiting: [pod('a')], availableBytes: 512 * MIB }));
    expect(plan.refuse[0]?.message).toContain('0 MiB is free');
  });

  it('retires spare instances that have been empty for the idle time, and keeps younger ones', () => {
    const old = instance('i-old', { launchedFor: 'x', emptySinceMs: 60_000 });
    const young = instance('i-young', { launchedFor: 'y', emptySinceMs: 80_000 });
    const busy = instance('i-busy', { pods: 1, emptySinceMs: undefined });
    const plan = planInstances(input({ instances: [old, young, busy], now: 95_000 }));
    expect(plan.retire).toEqual(['i-old']);
  });
});

describe('settlingBytes', () => {
  it('sums the expected memory of the pods of instances launched within the settle time', () => {
    const instances = [
      instance('i-new', { launchedFor: 'a', launchedAtMs: 90_000 }),
      instance('i-old', { launchedFor: 'b', launchedAtMs: 10_000 }),
      instance('i-unknown', { launchedFor: 'gone', launchedAtMs: 95_000 }),
    ];
    const expected = new Map([
      ['a', GIB],
      ['b', 2 * GIB],
    ]);
    expect(settlingBytes(instances, (uid) => expected.get(uid), 60_000, 100_000)).toBe(GIB);
  });
});
