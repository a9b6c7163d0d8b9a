import { describe, expect, it } from 'vitest';
import { checkStatementId, executionOptions, waitTimeoutMs } from './execution-options.js';

describe('waitTimeoutMs', () => {
  it.each([
    [undefined, 10_000],
    ['0s', 0],
    ['5s', 5000],
    ['50s', 50_000],
    ['12.5s', 12_500],
  ])('reads %s as %i ms', (text, ms) => {
    expect(waitTimeoutMs(text)).toBe(ms);
  });

  it.each(['1s', '4s', '51s'])('refuses %s with the range Databricks names', (text) => {
    expect(() => waitTimeoutMs(text)).toThrow(
      'The wait_timeout field must be 0 seconds (disables wait), or between 5 seconds and 50 seconds.',
    );
  });

  it.each(['soon', '10', '10 s', '-5s', ''])('refuses %j as no duration', (text) => {
    expect(() => waitTimeoutMs(text)).toThrow('Error while parsing type: duration.');
  });
});

describe('executionOptions', () => {
  it('defaults to INLINE JSON_ARRAY, waiting 10 s and going on after', () => {
    expect(executionOptions({})).toEqual({
      waitMs: 10_000,
      cancelOnTimeout: false,
      disposition: 'INLINE',
      format: 'JSON_ARRAY',
    });
  });

  it('ignores a disposition, format or on_wait_timeout it does not know, as Databricks does', () => {
    expect(executionOptions({ disposition: 'NOPE', format: 'XML', on_wait_timeout: 'MAYBE' })).toMatchObject({
      disposition: 'INLINE',
      format: 'JSON_ARRAY',
      cancelOnTimeout: false,
    });
  });

  it.each(['ARROW_STREAM', 'CSV'])('refuses INLINE with %s', (format) => {
    expect(() => executionOptions({ disposition: 'INLINE', format })).toThrow(
      'Incompatible parameters: The format field must be JSON_ARRAY when the disposition field is INLINE.',
    );
  });

  it('takes every format with EXTERNAL_LINKS, and CANCEL', () => {
    expect(
      executionOptions({
        disposition: 'EXTERNAL_LINKS',
        format: 'CSV',
        on_wait_timeout: 'CANCEL',
        wait_timeout: '5s',
      }),
    ).toEqual({ waitMs: 5000, cancelOnTimeout: true, disposition: 'EXTERNAL_LINKS', format: 'CSV' });
  });

  it.each([
    [{ row_limit: -1 }, /row_limit/],
    [{ byte_limit: 0 }, /byte_limit/],
    [{ byte_limit: 26_214_401 }, /byte_limit/],
  ])('refuses the limits %o', (limits, message) => {
    expect(() => executionOptions(limits)).toThrow(message);
  });

  it('takes a row_limit of 0 and a byte_limit past 25 MiB for EXTERNAL_LINKS', () => {
    expect(executionOptions({ row_limit: 0 })).toMatchObject({ rowLimit: 0 });
    expect(executionOptions({ disposition: 'EXTERNAL_LINKS', byte_limit: 2 ** 32 })).toMatchObject({
      byteLimit: 2 ** 32,
    });
  });
});

describe('checkStatementId', () => {
  it('takes a UUID and refuses anything else as Databricks does', () => {
    expect(checkStatementId('01F1C46B-C6A4-1A9A-9F97-7EFF37BF8459')).toBe(
      '01f1c46b-c6a4-1a9a-9f97-7eff37bf8459',
    );
    expect(() => checkStatementId('nope')).toThrow('Error while parsing type: statement_id.');
  });
});
