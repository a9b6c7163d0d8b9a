import { parseTaskJobId, taskJobId } from '@brickyard/common/tasks';
import { describe, expect, it } from 'vitest';
import type { TaskOutcome } from '../task-types.js';
import { taskJobResult, taskRunOutput, taskValuesOf } from './task-output.js';

const outcome = (extra: Partial<TaskOutcome> = {}): TaskOutcome => ({
  result: 'SUCCESS',
  logs: 'hi\n',
  durationMs: 5,
  ...extra,
});

describe('task outputs', () => {
  it('carry a notebook exit value as notebook_output', () => {
    const output = taskRunOutput(
      { notebook_task: { notebook_path: '/x' } },
      outcome({ exitValue: 'rows=3' }),
      0,
    );
    expect(output).toEqual({
      attempt: 0,
      notebook_output: { result: 'rows=3', truncated: false },
      logs: 'hi\n',
      logs_truncated: false,
    });
  });

  it('carry errors, traces and task values', () => {
    const output = taskRunOutput(
      { spark_python_task: { python_file: '/x.py' } },
      outcome({ result: 'FAILED', error: 'ValueError: boom', errorTrace: 'Traceback', taskValues: { n: 1 } }),
      2,
    );
    expect(output).toMatchObject({
      attempt: 2,
      error: 'ValueError: boom',
      error_trace: 'Traceback',
      task_values: { n: 1 },
    });
    expect(output.notebook_output).toBeUndefined();
    expect(taskValuesOf(JSON.stringify(output))).toEqual({ n: 1 });
    expect(taskValuesOf(null)).toBeUndefined();
  });

  it('say whether a stopped task timed out or was stopped on request', () => {
    const canceled = outcome({ result: 'CANCELED', error: 'The task timed out and was stopped.' });
    expect(taskJobResult(canceled, 1, 2, { timedOut: true })).toMatchObject({
      result: 'CANCELED',
      timedOut: true,
    });
    expect(taskJobResult(canceled, 1, 2, { timedOut: false, stopReason: 'CANCELED' })).toMatchObject({
      stopReason: 'CANCELED',
    });
    expect(taskJobResult(outcome(), 1, 2, { timedOut: true })).toEqual({
      result: 'SUCCESS',
      startedAt: 1,
      finishedAt: 2,
    });
  });

  it('name attempts by task run id and attempt number', () => {
    expect(taskJobId(123, 4)).toBe('123-4');
    expect(parseTaskJobId('123-4')).toEqual({ taskRunId: 123, attempt: 4 });
    expect(parseTaskJobId('repeat:x:1')).toBeUndefined();
  });
});
