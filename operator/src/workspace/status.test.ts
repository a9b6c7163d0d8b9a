import type { Condition } from '@brickyard/common/kube';
import { describe, expect, it } from 'vitest';
import {
  computeDeletingStatus,
  computeWorkspaceStatus,
  type WorkspaceObservation,
  type WorkspaceStatus,
} from './status.js';
import { testWorkspace } from './test-workspace.js';

const now = new Date('2026-03-01T10:00:05.500Z');
const root = 's3://brickyard/workspaces/1234/';
const earlier = '2026-03-01T10:00:01Z';
const stamp = '2026-03-01T10:00:05Z';

const conditionsOf = (status: WorkspaceStatus): Record<string, string> =>
  Object.fromEntries(
    ((status.conditions ?? []) as Condition[]).map((c) => [c.type, `${c.status} ${c.reason}`]),
  );

describe('computeWorkspaceStatus', () => {
  interface Case {
    /** The status the workspace had before this reconcile. */
    previous?: WorkspaceStatus;
    observation: WorkspaceObservation;
    workspaceStatus: WorkspaceStatus['workspaceStatus'];
    /** "<status> <reason>" per condition type. */
    conditions: Record<string, string>;
    message?: string;
  }
  const cases: Record<string, Case> = {
    'is RUNNING once the namespace and the storage root are ready': {
      observation: { namespace: 'ready', storage: 'ready' },
      workspaceStatus: 'RUNNING',
      conditions: {
        Ready: 'True Running',
        NamespaceReady: 'True NamespaceActive',
        StorageReady: 'True StorageRootPresent',
      },
    },
    'is PROVISIONING while the namespace of an earlier life is still being deleted': {
      observation: { namespace: 'terminating', storage: 'ready' },
      workspaceStatus: 'PROVISIONING',
      conditions: {
        Ready: 'False Provisioning',
        NamespaceReady: 'False NamespaceTerminating',
        StorageReady: 'True StorageRootPresent',
      },
      message: 'Waiting for the namespace that is being deleted to be gone',
    },
    'is PROVISIONING, with the error, when a call fails in a way a retry can fix': {
      observation: {
        failure: { part: 'namespace', message: 'etcdserver: request timed out', permanent: false },
      },
      workspaceStatus: 'PROVISIONING',
      conditions: { Ready: 'False Provisioning', NamespaceReady: 'False KubernetesError' },
      message: 'etcdserver: request timed out',
    },
    'is FAILED, with the reason, when another Workspace owns the namespace': {
      observation: {
        failure: { part: 'namespace', message: 'Namespace taken', permanent: true, conflict: true },
      },
      workspaceStatus: 'FAILED',
      conditions: { Ready: 'False Failed', NamespaceReady: 'False NamespaceConflict' },
      message: 'Namespace taken',
    },
    'is FAILED when the object store refuses for good': {
      observation: {
        namespace: 'ready',
        failure: { part: 'storage', message: 'no such bucket', permanent: true },
      },
      workspaceStatus: 'FAILED',
      conditions: {
        Ready: 'False Failed',
        NamespaceReady: 'True NamespaceActive',
        StorageReady: 'False StorageError',
      },
      message: 'no such bucket',
    },
    'stays RUNNING through a passing storage outage, which only the conditions show': {
      previous: { workspaceStatus: 'RUNNING', storageRoot: root },
      observation: {
        namespace: 'ready',
        failure: { part: 'storage', message: 'connect ECONNREFUSED', permanent: false },
      },
      workspaceStatus: 'RUNNING',
      conditions: {
        Ready: 'False StorageError',
        NamespaceReady: 'True NamespaceActive',
        StorageReady: 'False StorageError',
      },
    },
    'keeps what it did not get to observe as it was': {
      previous: {
        workspaceStatus: 'PROVISIONING',
        conditions: [
          { type: 'StorageReady', status: 'True', reason: 'StorageRootPresent', lastTransitionTime: earlier },
        ],
      },
      observation: { failure: { part: 'namespace', message: 'timeout', permanent: false } },
      workspaceStatus: 'PROVISIONING',
      conditions: {
        Ready: 'False Provisioning',
        NamespaceReady: 'False KubernetesError',
        StorageReady: 'True StorageRootPresent',
      },
      message: 'timeout',
    },
  };

  it.each(Object.entries(cases))(
    '%s',
    (_name, { previous, observation, workspaceStatus, conditions, message }) => {
      const status = computeWorkspaceStatus(
        testWorkspace(previous ? { status: previous } : {}),
        observation,
        root,
        now,
      );
      expect(status.workspaceStatus).toBe(workspaceStatus);
      expect(conditionsOf(status)).toEqual(conditions);
      expect(status.workspaceStatusMessage).toBe(message);
    },
  );

  it('records the namespace, the storage root, the creation time and the generation it acted on', () => {
    const status = computeWorkspaceStatus(
      testWorkspace({ generation: 3 }),
      { namespace: 'ready', storage: 'ready' },
      root,
      now,
    );
    expect(status).toMatchObject({
      namespace: 'brickyard-ws-1234',
      storageRoot: root,
      creationTime: Date.parse('2026-03-01T10:00:00Z'),
      observedGeneration: 3,
    });
    expect((status.conditions as Condition[]).every((c) => c.lastTransitionTime === stamp)).toBe(true);
  });

  it('computes the same status again from the same observation, so nothing is written twice', () => {
    const observation: WorkspaceObservation = { namespace: 'ready', storage: 'ready' };
    const first = computeWorkspaceStatus(testWorkspace({}), observation, root, now);
    const later = new Date(now.getTime() + 60_000);
    expect(computeWorkspaceStatus(testWorkspace({ status: first }), observation, root, later)).toEqual(first);
  });

  it('keeps the creation time it recorded first', () => {
    const status = computeWorkspaceStatus(testWorkspace({ status: { creationTime: 42 } }), {}, root, now);
    expect(status.creationTime).toBe(42);
  });
});

describe('computeDeletingStatus', () => {
  it('is CANCELLING and not Ready, keeping everything else', () => {
    const running = computeWorkspaceStatus(
      testWorkspace({}),
      { namespace: 'ready', storage: 'ready' },
      root,
      now,
    );
    const status = computeDeletingStatus(testWorkspace({ status: running }), now);
    expect(status.workspaceStatus).toBe('CANCELLING');
    expect(status.storageRoot).toBe(root);
    expect(conditionsOf(status)).toEqual({
      Ready: 'False Deleting',
      NamespaceReady: 'True NamespaceActive',
      StorageReady: 'True StorageRootPresent',
    });
  });
});
