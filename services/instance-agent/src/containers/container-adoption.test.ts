import type { V1ContainerStatus } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { adoptContainer } from './container-adoption.js';

const NOW = '2026-01-01T01:00:00Z';
const base = { name: 'a', image: 'i', imageID: 'x', ready: false };

describe('adoptContainer', () => {
  it('starts a container without status fresh', () => {
    expect(adoptContainer(undefined, NOW)).toEqual({
      state: { kind: 'waiting', reason: 'ContainerCreating' },
      restartCount: 0,
      ran: false,
    });
  });

  it('records a container that was running as lost, to be restarted by its policy', () => {
    const observed: V1ContainerStatus = {
      ...base,
      restartCount: 2,
      containerID: 'brickyard://4242',
      state: { running: { startedAt: new Date('2026-01-01T00:00:00Z') } },
    };
    expect(adoptContainer(observed, NOW)).toEqual({
      state: {
        kind: 'terminated',
        terminated: {
          exitCode: 137,
          reason: 'ContainerStatusUnknown',
          message: 'The container could not be located when the instance agent restarted',
          startedAt: '2026-01-01T00:00:00Z',
          finishedAt: NOW,
          containerID: 'brickyard://4242',
        },
      },
      restartCount: 2,
      ran: true,
      previousPid: 4242,
    });
  });

  it('keeps the termination of a container that had finished', () => {
    const observed: V1ContainerStatus = {
      ...base,
      restartCount: 0,
      state: {
        terminated: {
          exitCode: 0,
          reason: 'Completed',
          startedAt: '2026-01-01T00:00:00Z' as unknown as Date,
          finishedAt: '2026-01-01T00:00:05Z' as unknown as Date,
        },
      },
    };
    expect(adoptContainer(observed, NOW)).toMatchObject({
      state: {
        kind: 'terminated',
        terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2026-01-01T00:00:05Z' },
      },
      ran: true,
    });
  });

  it('treats a container backing off as just terminated with its last exit', () => {
    const observed: V1ContainerStatus = {
      ...base,
      restartCount: 3,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 1, startedAt: new Date(NOW), finishedAt: new Date(NOW) } },
    };
    expect(adoptContainer(observed, NOW)).toEqual({
      state: {
        kind: 'terminated',
        terminated: { exitCode: 1, reason: 'Error', startedAt: NOW, finishedAt: NOW },
      },
      restartCount: 3,
      ran: true,
    });
  });
});
