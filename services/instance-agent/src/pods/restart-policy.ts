export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export function restartPolicyOf(value: string | undefined): RestartPolicy {
  return value === 'OnFailure' || value === 'Never' ? value : 'Always';
}

/** Whether a container that exited with `exitCode` runs again under the pod's restart policy. */
export function shouldRestart(policy: RestartPolicy, exitCode: number): boolean {
  if (policy === 'Always') return true;
  if (policy === 'OnFailure') return exitCode !== 0;
  return false;
}

export interface RestartBackoff {
  initialMs: number;
  maxMs: number;
}

/**
 * How long to wait before the next start of a container that exited `consecutiveExits` times in
 * a row: the first restart is immediate, then initial, doubled each time up to the cap (the
 * kubelet's CrashLoopBackOff, with a shorter default cap for a laptop).
 */
export function restartDelayMs(consecutiveExits: number, backoff: RestartBackoff): number {
  if (consecutiveExits <= 1) return 0;
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** (consecutiveExits - 2));
}

/** A run that lasted this long resets the backoff: the container was healthy in between. */
export function backoffResetMs(backoff: RestartBackoff): number {
  return backoff.maxMs * 2;
}
