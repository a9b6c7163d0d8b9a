/** How a lifecycle state reads at a glance: Databricks' cluster, run, warehouse and statement states. */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'idle';

const TONES: Record<string, Tone> = {
  RUNNING: 'ok',
  SUCCESS: 'ok',
  SUCCEEDED: 'ok',
  INSTALLED: 'ok',
  ACTIVE: 'ok',
  PENDING: 'info',
  STARTING: 'info',
  RESTARTING: 'info',
  RESIZING: 'info',
  QUEUED: 'info',
  BLOCKED: 'info',
  WAITING_FOR_RETRY: 'info',
  INSTALLING: 'info',
  TERMINATING: 'warn',
  STOPPING: 'warn',
  DELETING: 'warn',
  CANCELING: 'warn',
  TIMEDOUT: 'warn',
  SKIPPED: 'idle',
  UPSTREAM_FAILED: 'bad',
  UPSTREAM_CANCELED: 'warn',
  FAILED: 'bad',
  ERROR: 'bad',
  INTERNAL_ERROR: 'bad',
  TERMINATED: 'idle',
  STOPPED: 'idle',
  DELETED: 'idle',
  CANCELED: 'warn',
  CLOSED: 'idle',
};

export function toneOf(state: string | undefined): Tone {
  return (state && TONES[state.toUpperCase()]) || 'idle';
}
