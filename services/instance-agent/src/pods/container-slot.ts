import { constants } from 'node:os';
import { kubeTime } from '@brickyard/common/kube';
import type { V1Container } from '@kubernetes/client-node';
import { imageRepository } from '../containers/command-resolution.js';
import { adoptContainer } from '../containers/container-adoption.js';
import { containerIdOf } from '../containers/container-id.js';
import type { ContainerProcess, ProcessExit } from '../containers/container-process.js';
import type { ContainerProbes } from '../probes/container-probes.js';
import type { ContainerRecord, TerminatedBody } from './pod-status.js';
import { backoffResetMs, type RestartBackoff, restartDelayMs } from './restart-policy.js';

/** One container of the pod: what the status reports about it and the process behind it. */
export interface Slot {
  spec: V1Container;
  record: ContainerRecord;
  /** It ran before (in this agent or a previous one), so its next start is a restart. */
  ran: boolean;
  previousPid?: number;
  process?: ContainerProcess | undefined;
  probes?: ContainerProbes | undefined;
  /** SIGKILL due to a process killed for failing its startup probe, if it outlives the grace period. */
  killTimer?: NodeJS.Timeout;
  /** Exits in a row without a long enough run in between: the backoff exponent. */
  consecutiveExits: number;
  /** Failed attempts in a row to start it (configuration errors): their retry backoff. */
  startFailures: number;
  /** Not started again before this time (restart backoff, or retry of a configuration error). */
  notBeforeMs: number;
  backoffMs: number;
  timer?: NodeJS.Timeout;
}

/** The slot of a container, taking over what an earlier agent reported about it (`observed`). */
export function newSlot(
  spec: V1Container,
  observed: Parameters<typeof adoptContainer>[0],
  now: string,
): Slot {
  const adopted = adoptContainer(observed, now);
  const record: ContainerRecord = {
    name: spec.name,
    image: spec.image ?? '',
    imageID: `brickyard://image/${imageRepository(spec.image ?? '')}`,
    restartCount: adopted.restartCount,
    state: adopted.state,
    started: false,
    ready: false,
  };
  if (adopted.lastTerminated) record.lastTerminated = adopted.lastTerminated;
  return {
    spec,
    record,
    ran: adopted.ran,
    ...(adopted.previousPid === undefined ? {} : { previousPid: adopted.previousPid }),
    consecutiveExits: 0,
    startFailures: 0,
    notBeforeMs: 0,
    backoffMs: 0,
  };
}

/**
 * A terminated container waiting out its restart backoff reports CrashLoopBackOff, with the
 * kubelet's message (`pod` is name_namespace(uid)).
 */
export function showCrashLoopBackOff(slot: Slot, pod: string): void {
  const { state } = slot.record;
  if (state.kind !== 'terminated') return;
  slot.record.lastTerminated = state.terminated;
  slot.record.state = {
    kind: 'waiting',
    reason: 'CrashLoopBackOff',
    message:
      `back-off ${Math.ceil(slot.backoffMs / 1000)}s restarting failed ` +
      `container=${slot.spec.name} pod=${pod}`,
  };
}

/**
 * A container that cannot start yet waits with the reason, tried again after a backoff that
 * starts at 1s (or the restart backoff's initial delay if longer). Returns whether the reason is
 * news, i.e. worth a log line.
 */
export function holdForRetry(
  slot: Slot,
  reason: string,
  message: string,
  backoff: RestartBackoff,
  nowMs: number,
): boolean {
  const { state } = slot.record;
  if (state.kind === 'terminated') slot.record.lastTerminated = state.terminated;
  const news = state.kind !== 'waiting' || state.message !== message;
  slot.record.state = { kind: 'waiting', reason, message };
  slot.startFailures++;
  const base = Math.max(1_000, backoff.initialMs);
  slot.notBeforeMs = nowMs + Math.min(Math.max(base, backoff.maxMs), base * 2 ** (slot.startFailures - 1));
  return news;
}

/**
 * Records a started process: a restart if the container ran before, running (when the process
 * got a pid; without one its exit follows), started at once unless a startup probe decides, and
 * ready once started unless a readiness probe decides.
 * `previous` is the termination the status keeps as lastState. Returns whether it was a restart.
 */
export function recordStart(
  slot: Slot,
  child: ContainerProcess,
  previous: TerminatedBody | undefined,
): boolean {
  const restarted = slot.ran;
  if (restarted) slot.record.restartCount++;
  slot.ran = true;
  if (previous) slot.record.lastTerminated = previous;
  slot.process = child;
  if (child.pid !== undefined) {
    slot.record.state = {
      kind: 'running',
      startedAt: kubeTime(child.startedAtMs),
      containerID: containerIdOf(child.pid),
    };
    slot.record.started = !slot.spec.startupProbe;
    slot.record.ready = slot.record.started && !slot.spec.readinessProbe;
  }
  return restarted;
}

/** The process passed its startup probe: started, and ready at once unless a readiness probe decides. */
export function recordStarted(slot: Slot): void {
  slot.record.started = true;
  slot.record.ready = !slot.spec.readinessProbe;
}

/**
 * Records the exit of the slot's process: terminated (as the kubelet reports it), not ready, and
 * not started again before the restart backoff, which grows with exits in a row and starts over
 * after a run long enough.
 */
export function recordExit(
  slot: Slot,
  child: ContainerProcess,
  exit: ProcessExit,
  backoff: RestartBackoff,
): void {
  slot.process = undefined;
  clearTimeout(slot.killTimer);
  stopProbing(slot);
  slot.record.started = false;
  const terminated: TerminatedBody = {
    exitCode: exit.exitCode,
    ...(exit.signal ? { signal: constants.signals[exit.signal] } : {}),
    reason: exit.reason,
    ...(exit.message ? { message: exit.message } : {}),
    startedAt: kubeTime(child.pid === undefined ? exit.atMs : child.startedAtMs),
    finishedAt: kubeTime(exit.atMs),
    ...(child.pid === undefined ? {} : { containerID: containerIdOf(child.pid) }),
  };
  slot.record.state = { kind: 'terminated', terminated };
  if (exit.atMs - child.startedAtMs >= backoffResetMs(backoff)) slot.consecutiveExits = 0;
  slot.consecutiveExits++;
  slot.backoffMs = restartDelayMs(slot.consecutiveExits, backoff);
  slot.notBeforeMs = exit.atMs + slot.backoffMs;
}

/**
 * Stops the slot's probes and takes it out of service: its process stops or has stopped. It stays
 * started while the process runs, as with the kubelet.
 */
export function stopProbing(slot: Slot): void {
  slot.probes?.stop();
  slot.probes = undefined;
  slot.record.ready = false;
}
