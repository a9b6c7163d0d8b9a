import type { TaskRunOutput } from '@brickyard/common/runs';
import type { ExecutableTask, StopReason, TaskJobResult } from '@brickyard/common/tasks';
import { LOG_TAIL_BYTES } from '../logs/task-logs.js';
import type { TaskOutcome } from '../task-types.js';

/**
 * What a finished attempt leaves behind: the task run's output (brickyard:run:<taskRunId>:output,
 * what runs/get-output returns) and the small result the scheduler reads from the queue job.
 */

/** runs/get-output returns at most the first 5 MB of a notebook's exit value. */
const MAX_EXIT_VALUE_BYTES = 5 * 1024 * 1024;

/** The stored output: TaskRunOutput, plus the task's values for the tasks downstream. */
export type StoredTaskOutput = TaskRunOutput & {
  task_values?: Record<string, unknown>;
  /** Hidden: the attempt that wrote it. */
  attempt?: number;
};

function truncateUtf8(text: string, maxBytes: number): { text: string; truncated: boolean } {
  const bytes = Buffer.from(text);
  if (bytes.length <= maxBytes) return { text, truncated: false };
  // Cut on a character boundary: drop a partial trailing sequence.
  let end = maxBytes;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return { text: bytes.subarray(0, end).toString(), truncated: true };
}

export function taskRunOutput(task: ExecutableTask, outcome: TaskOutcome, attempt: number): StoredTaskOutput {
  const output: StoredTaskOutput = { attempt };
  if (task.notebook_task) {
    if (outcome.exitValue === undefined) output.notebook_output = {};
    else {
      const { text, truncated } = truncateUtf8(outcome.exitValue, MAX_EXIT_VALUE_BYTES);
      output.notebook_output = { result: text, truncated };
    }
  }
  output.logs = outcome.logs;
  output.logs_truncated = Buffer.byteLength(outcome.logs) >= LOG_TAIL_BYTES;
  if (outcome.error !== undefined) output.error = outcome.error;
  if (outcome.errorTrace !== undefined) output.error_trace = outcome.errorTrace;
  if (outcome.taskValues !== undefined) output.task_values = outcome.taskValues;
  return output;
}

export function taskJobResult(
  outcome: TaskOutcome,
  startedAt: number,
  finishedAt: number,
  stop: { timedOut: boolean; stopReason?: StopReason | undefined },
): TaskJobResult {
  const result: TaskJobResult = { result: outcome.result, startedAt, finishedAt };
  if (outcome.result === 'CANCELED' && stop.timedOut) result.timedOut = true;
  if (outcome.result === 'CANCELED' && stop.stopReason) result.stopReason = stop.stopReason;
  if (outcome.error !== undefined) result.error = outcome.error;
  if (outcome.exitValue !== undefined) result.exitValue = truncateUtf8(outcome.exitValue, 4096).text;
  return result;
}

/** The values an upstream task set (dbutils.jobs.taskValues.set), from its stored output. */
export function taskValuesOf(raw: string | null): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as StoredTaskOutput;
    const values = parsed.task_values;
    return values && typeof values === 'object' && !Array.isArray(values) ? values : undefined;
  } catch {
    return undefined;
  }
}
