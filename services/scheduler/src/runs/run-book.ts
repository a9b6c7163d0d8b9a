import type {
  LifeCycleState,
  ResultState,
  RunRecord,
  RunState,
  RunStatus,
  RunTaskRecord,
  StatusState,
} from '@brickyard/common/runs';
import type { StopReason } from '@brickyard/common/tasks';

/**
 * The scheduler's own bookkeeping, kept inside the run document (hidden field `scheduler` on the
 * run and on each task) so that it changes in the same compare-and-set write as the state it
 * explains. Clients never see it: the API's response schemas list the fields they return.
 */

export interface StopRequest {
  reason: StopReason;
  at: number;
  message: string;
}

export interface RunBook {
  /** When the scheduler took the run out of the queue. */
  claimed_at: number;
  /** The run is being stopped (runs/cancel, or the job's timeout): no new task starts. */
  stop?: StopRequest;
  /** When every task was done and the run's job clusters started to be terminated. */
  cleanup_at?: number;
}

export interface TaskBook {
  /** When the current attempt's dependencies were met (it waits for its cluster from then on). */
  ready_at?: number;
  /** The cluster the current attempt runs on, once known. */
  cluster_id?: string;
  /** When the current attempt was added to its cluster's queue. */
  dispatched_at?: number;
  /** When a consumer started the current attempt. */
  started_at?: number;
  /** WAITING_FOR_RETRY until then. */
  retry_at?: number;
  /** The scheduler asked the consumer to stop the current attempt. */
  stop?: StopRequest;
  /** Since when the current attempt's cluster has not been usable. */
  cluster_lost_at?: number;
  /** The current attempt is given up on: its cluster went away (started: while it ran). */
  lost?: { at: number; started: boolean; message: string };
}

export type BookedTask = RunTaskRecord & { scheduler?: TaskBook };
export type BookedRun = Omit<RunRecord, 'tasks'> & { scheduler?: RunBook; tasks: BookedTask[] };

export function booked(run: RunRecord): BookedRun {
  return run as BookedRun;
}

/** A task in one of these life cycle states is done for good. */
export function isTaskDone(task: Pick<RunTaskRecord, 'state'>): boolean {
  const state = task.state.life_cycle_state;
  return state === 'TERMINATED' || state === 'SKIPPED' || state === 'INTERNAL_ERROR';
}

const STATUS_OF: Record<LifeCycleState, StatusState> = {
  QUEUED: 'QUEUED',
  PENDING: 'PENDING',
  RUNNING: 'RUNNING',
  TERMINATING: 'TERMINATING',
  TERMINATED: 'TERMINATED',
  SKIPPED: 'TERMINATED',
  INTERNAL_ERROR: 'TERMINATED',
  BLOCKED: 'BLOCKED',
  WAITING_FOR_RETRY: 'WAITING',
};

export interface Termination {
  code: string;
  type: 'SUCCESS' | 'CLIENT_ERROR' | 'INTERNAL_ERROR' | 'CLOUD_FAILURE';
}

/** A state and the matching v2 status; terminal states carry their termination details. */
export function stateOf(
  lifeCycle: LifeCycleState,
  message: string,
  options: { result?: ResultState; termination?: Termination; userStopped?: boolean } = {},
): { state: RunState; status: RunStatus } {
  const state: RunState = {
    life_cycle_state: lifeCycle,
    ...(options.result ? { result_state: options.result } : {}),
    state_message: message,
    user_cancelled_or_timedout: options.userStopped ?? false,
  };
  const status: RunStatus = { state: STATUS_OF[lifeCycle] };
  if (options.termination) status.termination_details = { ...options.termination, message };
  return { state, status };
}

/** The termination details that go with a task's or run's result. */
export function terminationOf(result: ResultState): Termination {
  switch (result) {
    case 'SUCCESS':
      return { code: 'SUCCESS', type: 'SUCCESS' };
    case 'SUCCESS_WITH_FAILURES':
      return { code: 'SUCCESS_WITH_FAILURES', type: 'SUCCESS' };
    case 'CANCELED':
      return { code: 'USER_CANCELED', type: 'SUCCESS' };
    case 'TIMEDOUT':
      return { code: 'CANCELED', type: 'CLIENT_ERROR' };
    case 'EXCLUDED':
    case 'UPSTREAM_FAILED':
    case 'UPSTREAM_CANCELED':
    case 'DISABLED':
      return { code: 'SKIPPED', type: 'SUCCESS' };
    case 'MAXIMUM_CONCURRENT_RUNS_REACHED':
      return { code: 'MAX_CONCURRENT_RUNS_EXCEEDED', type: 'CLIENT_ERROR' };
    case 'FAILED':
      return { code: 'RUN_EXECUTION_ERROR', type: 'CLIENT_ERROR' };
  }
}
