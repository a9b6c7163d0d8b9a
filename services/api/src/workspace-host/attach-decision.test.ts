import type { ClusterResource } from '@brickyard/common/crd';
import { describe, expect, it } from 'vitest';
import { attachStep, stillStartingRefusal } from './attach-decision.js';
import { GrpcStatus } from './grpc-status.js';

const SPARK = '19.3.x-scala2.13';

function cluster(
  status: Record<string, unknown> | undefined,
  spec: Record<string, unknown> = {},
): ClusterResource {
  return {
    metadata: { name: '0101-000000-abcdefgh' },
    spec: { sparkVersion: SPARK, clusterSource: 'API', ...spec },
    ...(status ? { status } : {}),
  } as unknown as ClusterResource;
}

const running = { state: 'RUNNING', driver: { privateIp: '127.32.0.9' } };

describe('attachStep', () => {
  it.each([
    [
      'a running cluster is ready at its driver',
      cluster(running),
      false,
      { kind: 'ready', driverAddress: '127.32.0.9' },
    ],
    [
      'a resizing cluster serves too',
      cluster({ ...running, state: 'RESIZING' }),
      false,
      { kind: 'ready', driverAddress: '127.32.0.9' },
    ],
    [
      'a running cluster without a driver address yet is waited for',
      cluster({ state: 'RUNNING' }),
      false,
      { kind: 'wait' },
    ],
    ['a starting cluster is waited for', cluster({ state: 'PENDING' }), false, { kind: 'wait' }],
    ['a cluster the operator has not seen yet is waited for', cluster(undefined), false, { kind: 'wait' }],
    ['a restarting cluster is waited for', cluster({ state: 'RESTARTING' }), false, { kind: 'wait' }],
    [
      'a terminating cluster is waited for, then started',
      cluster({ state: 'TERMINATING' }),
      false,
      { kind: 'wait' },
    ],
    ['a terminated cluster is started', cluster({ state: 'TERMINATED' }), false, { kind: 'start' }],
  ])('%s', (_name, resource, startedHere, expected) => {
    expect(attachStep(resource, startedHere)).toEqual(expected);
  });

  it.each([
    [
      'a cluster without Spark',
      cluster(running, { sparkVersion: '19.3.x-no-spark-scala2.13' }),
      false,
      /has no Spark/,
    ],
    [
      'a terminated job cluster',
      cluster({ state: 'TERMINATED' }, { clusterSource: 'JOB' }),
      false,
      /job cluster/,
    ],
    [
      'a cluster that terminated again after this attach started it',
      cluster({
        state: 'TERMINATED',
        stateMessage: 'No instance could be launched',
        terminationReason: { code: 'AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE' },
      }),
      true,
      /failed to start \(AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE\): No instance could be launched/,
    ],
    [
      'a cluster in ERROR',
      cluster({ state: 'ERROR', stateMessage: 'bad spec' }),
      false,
      /state ERROR: bad spec/,
    ],
  ])('refuses %s with FAILED_PRECONDITION', (_name, resource, startedHere, message) => {
    const step = attachStep(resource, startedHere);
    expect(step.kind).toBe('refuse');
    if (step.kind !== 'refuse') return;
    expect(step.refusal.code).toBe(GrpcStatus.failedPrecondition);
    expect(step.refusal.message).toMatch(message);
  });

  it('says "is in unexpected state Pending" when the wait runs out, which Databricks Connect retries', () => {
    const refusal = stillStartingRefusal('0101-000000-abcdefgh');
    expect(refusal.code).toBe(GrpcStatus.failedPrecondition);
    expect(refusal.message).toContain('is in unexpected state Pending');
  });
});
