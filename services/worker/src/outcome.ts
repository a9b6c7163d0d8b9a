import { LOG_TAIL_BYTES, tailOf } from './logs/task-logs.js';
import type { ExecutionResult, TaskOutcome } from './task-types.js';

const MAX_ERROR_CHARS = 4_096;

/** The first line of an error, cut to a readable length. */
export function errorLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > MAX_ERROR_CHARS ? `${line.slice(0, MAX_ERROR_CHARS - 3)}...` : line;
}

/** Why an aborted task stopped, from the signal's reason. */
export function cancellationMessage(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') return 'The task timed out and was stopped.';
  if (typeof reason === 'string' && reason) return `The run was canceled: ${reason}`;
  if (reason instanceof Error && reason.name !== 'AbortError' && reason.message) {
    return `The run was canceled: ${reason.message}`;
  }
  return 'The run was canceled.';
}

export interface OutcomeInput extends ExecutionResult {
  logs: string;
  startedAt: number;
  finishedAt: number;
  logKeyPrefix?: string | undefined;
}

/** The outcome as the scheduler sees it: bounded sizes, no undefined fields. */
export function shapeOutcome(input: OutcomeInput): TaskOutcome {
  const outcome: TaskOutcome = {
    result: input.result,
    logs: tailOf(Buffer.from(input.logs), LOG_TAIL_BYTES),
    durationMs: Math.max(0, input.finishedAt - input.startedAt),
  };
  if (input.exitValue !== undefined) outcome.exitValue = input.exitValue;
  if (input.error !== undefined && input.error.trim() !== '') outcome.error = errorLine(input.error);
  else if (input.result === 'FAILED') outcome.error = 'The task failed.';
  if (input.errorTrace !== undefined && input.errorTrace.trim() !== '') {
    outcome.errorTrace = tailOf(Buffer.from(input.errorTrace), LOG_TAIL_BYTES);
  }
  if (input.taskValues !== undefined && Object.keys(input.taskValues).length > 0) {
    outcome.taskValues = input.taskValues;
  }
  if (input.logKeyPrefix !== undefined) outcome.logKeyPrefix = input.logKeyPrefix;
  return outcome;
}
