import { asKubeTime } from '@brickyard/common/kube';
import type { V1ContainerStateTerminated, V1ContainerStatus } from '@kubernetes/client-node';
import type { ContainerState, TerminatedBody } from '../pods/pod-status.js';
import { pidOfContainerId } from './container-id.js';

/** Where a container stands when the agent takes over a pod it finds bound to its node. */
export interface AdoptedContainer {
  state: ContainerState;
  lastTerminated?: TerminatedBody;
  restartCount: number;
  /** It ran before, so its next start counts as a restart. */
  ran: boolean;
  /** The pid a previous agent reported for it while it ran (it may be an orphan now). */
  previousPid?: number;
}

/** The kubelet's reason and exit code for a container whose process can no longer be found. */
export const LOST_REASON = 'ContainerStatusUnknown';
export const LOST_EXIT_CODE = 137;

/**
 * Takes over a container from the status a previous agent run wrote. Processes do not survive
 * an agent restart, so a container that was running is recorded as terminated with
 * ContainerStatusUnknown (137); the restart policy then decides, as for any exit, whether it
 * starts again (restartCount + 1). Containers that had finished keep their termination, and a
 * container waiting to restart is treated as just terminated.
 */
export function adoptContainer(observed: V1ContainerStatus | undefined, now: string): AdoptedContainer {
  if (!observed)
    return { state: { kind: 'waiting', reason: 'ContainerCreating' }, restartCount: 0, ran: false };
  const restartCount = observed.restartCount ?? 0;
  const previous = terminatedBody(observed.lastState?.terminated);
  const withPrevious = previous ? { lastTerminated: previous } : {};
  const running = observed.state?.running;
  if (running) {
    const pid = pidOfContainerId(observed.containerID);
    const terminated: TerminatedBody = {
      exitCode: LOST_EXIT_CODE,
      reason: LOST_REASON,
      message: 'The container could not be located when the instance agent restarted',
      startedAt: asKubeTime(running.startedAt) ?? now,
      finishedAt: now,
      ...(observed.containerID ? { containerID: observed.containerID } : {}),
    };
    return {
      state: { kind: 'terminated', terminated },
      ...withPrevious,
      restartCount,
      ran: true,
      ...(pid === undefined ? {} : { previousPid: pid }),
    };
  }
  const terminated = terminatedBody(observed.state?.terminated);
  if (terminated)
    return { state: { kind: 'terminated', terminated }, ...withPrevious, restartCount, ran: true };
  if (previous) return { state: { kind: 'terminated', terminated: previous }, restartCount, ran: true };
  return { state: { kind: 'waiting', reason: 'ContainerCreating' }, restartCount, ran: false };
}

function terminatedBody(terminated: V1ContainerStateTerminated | undefined): TerminatedBody | undefined {
  if (!terminated) return undefined;
  const startedAt = asKubeTime(terminated.startedAt);
  const finishedAt = asKubeTime(terminated.finishedAt);
  return {
    exitCode: terminated.exitCode,
    ...(terminated.signal ? { signal: terminated.signal } : {}),
    reason: terminated.reason ?? (terminated.exitCode === 0 ? 'Completed' : 'Error'),
    ...(terminated.message ? { message: terminated.message } : {}),
    startedAt: startedAt ?? finishedAt ?? '',
    finishedAt: finishedAt ?? startedAt ?? '',
    ...(terminated.containerID ? { containerID: terminated.containerID } : {}),
  };
}
