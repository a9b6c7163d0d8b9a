import { describe, expect, it } from 'vitest';
import type { ContainerProcess, ProcessExit } from '../containers/container-process.js';
import {
  holdForRetry,
  newSlot,
  recordExit,
  recordStart,
  recordStarted,
  showCrashLoopBackOff,
} from './container-slot.js';

const NOW = '2026-01-01T00:00:00Z';
const backoff = { initialMs: 1_000, maxMs: 10_000 };
const started = (pid: number | undefined, startedAtMs: number) => ({ pid, startedAtMs }) as ContainerProcess;
const exit = (exitCode: number, atMs: number): ProcessExit => ({
  exitCode,
  reason: exitCode === 0 ? 'Completed' : 'Error',
  atMs,
});

describe('container slot', () => {
  it('counts a start after an earlier run as a restart and keeps the last termination', () => {
    const slot = newSlot({ name: 'main', image: 'python:3' }, undefined, NOW);
    expect(recordStart(slot, started(10, 0), undefined)).toBe(false);
    recordExit(slot, started(10, 0), exit(1, 5_000), backoff);
    const { state } = slot.record;
    const previous = state.kind === 'terminated' ? state.terminated : undefined;
    expect(recordStart(slot, started(11, 6_000), previous)).toBe(true);
    expect(slot.record).toMatchObject({
      restartCount: 1,
      started: true,
      ready: true,
      state: { kind: 'running', containerID: 'brickyard://11' },
      lastTerminated: { exitCode: 1, reason: 'Error' },
    });
  });

  it.each([
    { sentence: 'without a readiness probe is ready once started', readinessProbe: undefined, ready: true },
    { sentence: 'with a readiness probe waits for it once started', readinessProbe: {}, ready: false },
  ])(
    'a container with a startup probe is neither started nor ready before it passes; $sentence',
    ({ readinessProbe, ready }) => {
      const slot = newSlot(
        { name: 'main', startupProbe: {}, ...(readinessProbe ? { readinessProbe } : {}) },
        undefined,
        NOW,
      );
      recordStart(slot, started(10, 0), undefined);
      expect(slot.record).toMatchObject({ state: { kind: 'running' }, started: false, ready: false });
      recordStarted(slot);
      expect(slot.record).toMatchObject({ started: true, ready });
      recordExit(slot, started(10, 0), exit(1, 5_000), backoff);
      recordStart(slot, started(11, 6_000), undefined);
      expect(slot.record).toMatchObject({ restartCount: 1, started: false, ready: false });
    },
  );

  it('backs restarts off with exits in a row, and starts over after a long run', () => {
    const slot = newSlot({ name: 'main' }, undefined, NOW);
    recordExit(slot, started(1, 0), exit(1, 100), backoff);
    expect(slot.notBeforeMs).toBe(100);
    recordExit(slot, started(2, 100), exit(1, 200), backoff);
    expect(slot.notBeforeMs).toBe(1_200);
    recordExit(slot, started(3, 200), exit(1, 300), backoff);
    expect(slot.notBeforeMs).toBe(2_300);
    recordExit(slot, started(4, 300), exit(1, 60_000), backoff);
    expect(slot.consecutiveExits).toBe(1);
    expect(slot.notBeforeMs).toBe(60_000);
  });

  it('shows a terminated container waiting out its backoff as CrashLoopBackOff', () => {
    const slot = newSlot({ name: 'main' }, undefined, NOW);
    recordExit(slot, started(1, 0), exit(2, 100), backoff);
    recordExit(slot, started(2, 100), exit(2, 200), backoff);
    showCrashLoopBackOff(slot, 'p_ns(uid)');
    expect(slot.record.state).toEqual({
      kind: 'waiting',
      reason: 'CrashLoopBackOff',
      message: 'back-off 1s restarting failed container=main pod=p_ns(uid)',
    });
    expect(slot.record.lastTerminated?.exitCode).toBe(2);
  });

  it('retries a container that cannot start with doubling delays, news only when the message changes', () => {
    const slot = newSlot({ name: 'main' }, undefined, NOW);
    expect(holdForRetry(slot, 'CreateContainerConfigError', 'secret "s" not found', backoff, 0)).toBe(true);
    expect(slot.notBeforeMs).toBe(1_000);
    expect(holdForRetry(slot, 'CreateContainerConfigError', 'secret "s" not found', backoff, 0)).toBe(false);
    expect(slot.notBeforeMs).toBe(2_000);
    expect(holdForRetry(slot, 'ErrImagePull', 'image "x" is not mapped', backoff, 0)).toBe(true);
    expect(slot.record.state).toEqual({
      kind: 'waiting',
      reason: 'ErrImagePull',
      message: 'image "x" is not mapped',
    });
  });
});
