import type { ResultState } from '@brickyard/common/runs';
import {
  type BookedRun,
  type BookedTask,
  type StopRequest,
  stateOf,
  type TaskBook,
  type Termination,
  terminationOf,
} from './run-book.js';

/** The state messages of a run and its tasks, as Databricks words them. */
export const MESSAGES = {
  waitingForCluster: (clusterId: string) => `Waiting for cluster ${clusterId} to be ready.`,
  waitingForWarehouse: (warehouseId: string) => `Waiting for SQL warehouse ${warehouseId} to be ready.`,
  waitingForSlot: (clusterId: string) => `Waiting for a free slot on cluster ${clusterId}.`,
  waitingForWarehouseSlot: (warehouseId: string) =>
    `Waiting for a free slot on SQL warehouse ${warehouseId}.`,
  blocked: 'Waiting for upstream tasks to finish.',
  inRun: 'In run',
  stopping: 'Stopping the task.',
};

export function setState(target: BookedTask | BookedRun, next: ReturnType<typeof stateOf>): void {
  target.state = next.state;
  target.status = next.status;
}

/** The scheduler's bookkeeping of the task, created on first use. */
export function taskBook(task: BookedTask): TaskBook {
  task.scheduler ??= {};
  return task.scheduler;
}

export function finishTask(task: BookedTask, result: ResultState, message: string, at: number): void {
  const book = taskBook(task);
  setState(
    task,
    stateOf('TERMINATED', message, {
      result,
      termination: terminationOf(result),
      userStopped: result === 'CANCELED' || result === 'TIMEDOUT',
    }),
  );
  if (book.started_at !== undefined) task.execution_duration = Math.max(0, at - book.started_at);
  task.end_time = at;
  if (task.start_time > 0) task.run_duration = Math.max(0, at - task.start_time);
}

export function failInternally(
  task: BookedTask,
  termination: Termination,
  message: string,
  at: number,
): void {
  setState(task, stateOf('INTERNAL_ERROR', message, { result: 'FAILED', termination }));
  task.end_time = at;
  if (task.start_time > 0) task.run_duration = Math.max(0, at - task.start_time);
}

/** A consumer took the attempt at `startedAt`: its setup is over. */
export function markRunning(task: BookedTask, startedAt: number): void {
  const book = taskBook(task);
  if (book.started_at !== undefined) return;
  book.started_at = startedAt;
  task.setup_duration = Math.max(0, startedAt - task.start_time);
  if (!book.stop) setState(task, stateOf('RUNNING', MESSAGES.inRun));
}

export function requestStop(task: BookedTask, stop: StopRequest): void {
  taskBook(task).stop = { ...stop };
  setState(task, stateOf('TERMINATING', MESSAGES.stopping));
}

export function stopResult(stop: StopRequest): ResultState {
  return stop.reason === 'TIMEDOUT' ? 'TIMEDOUT' : 'CANCELED';
}
