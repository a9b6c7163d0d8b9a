import { describe, expect, it } from 'vitest';
import { cancellationMessage, errorLine, shapeOutcome } from './outcome.js';

describe('shapeOutcome', () => {
  const base = { logs: 'out\n', startedAt: 1_000, finishedAt: 1_250 };

  it('keeps a success with its exit value and duration, without undefined fields', () => {
    const outcome = shapeOutcome({ ...base, result: 'SUCCESS', exitValue: 'rows=3' });
    expect(outcome).toEqual({ result: 'SUCCESS', exitValue: 'rows=3', logs: 'out\n', durationMs: 250 });
    expect(Object.keys(outcome)).not.toContain('error');
  });

  it('keeps only the first line of an error, and the whole trace', () => {
    const outcome = shapeOutcome({
      ...base,
      result: 'FAILED',
      error: 'ValueError: boom\nmore',
      errorTrace: 'Traceback...\nValueError: boom',
    });
    expect(outcome.error).toBe('ValueError: boom');
    expect(outcome.errorTrace).toBe('Traceback...\nValueError: boom');
  });

  it('gives a failure without an error a generic one', () => {
    expect(shapeOutcome({ ...base, result: 'FAILED' }).error).toBe('The task failed.');
  });

  it('cuts logs and traces to their last 64 KB', () => {
    const big = `${'a'.repeat(70 * 1024)}THE END`;
    const outcome = shapeOutcome({ ...base, result: 'FAILED', logs: big, errorTrace: big });
    expect(Buffer.byteLength(outcome.logs)).toBeLessThanOrEqual(64 * 1024);
    expect(outcome.logs.endsWith('THE END')).toBe(true);
    expect(Buffer.byteLength(outcome.errorTrace ?? '')).toBeLessThanOrEqual(64 * 1024);
  });

  it('reports task values only when some were set', () => {
    expect(shapeOutcome({ ...base, result: 'SUCCESS', taskValues: {} })).not.toHaveProperty('taskValues');
    expect(shapeOutcome({ ...base, result: 'SUCCESS', taskValues: { n: 3 } }).taskValues).toEqual({ n: 3 });
  });

  it('never reports a negative duration', () => {
    expect(shapeOutcome({ ...base, result: 'SUCCESS', finishedAt: 0 }).durationMs).toBe(0);
  });
});

describe('errorLine', () => {
  it('cuts very long lines', () => {
    expect(errorLine('x'.repeat(10_000)).length).toBe(4_096);
  });
});

describe('cancellationMessage', () => {
  it.each([
    ['a timeout', AbortSignal.timeout(0), 'The task timed out and was stopped.'],
    ['a plain abort', AbortSignal.abort(), 'The run was canceled.'],
    ['a reason', AbortSignal.abort('user asked'), 'The run was canceled: user asked'],
    [
      'an error reason',
      AbortSignal.abort(new Error('cluster terminated')),
      'The run was canceled: cluster terminated',
    ],
  ])('explains %s', async (_name, signal, message) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(cancellationMessage(signal)).toBe(message);
  });
});
