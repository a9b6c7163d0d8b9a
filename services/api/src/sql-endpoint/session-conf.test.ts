import { describe, expect, it } from 'vitest';
import { setStatement, sparkSettingsOf } from './session-conf.js';

describe('the configuration a session is opened with', () => {
  it('turns Databricks parameters, in any case, into the Spark settings they mean', () => {
    expect(sparkSettingsOf({ ANSI_MODE: 'false', timezone: 'America/New_York' })).toEqual([
      ['spark.sql.ansi.enabled', 'false'],
      ['spark.sql.session.timeZone', 'America/New_York'],
    ]);
  });

  it('keeps Spark settings, and drops those of the Thrift server and parameters Spark has no use for', () => {
    expect(
      sparkSettingsOf({
        'spark.thriftserver.arrowBasedRowSet.timestampAsString': 'false',
        'spark.sql.shuffle.partitions': '4',
        USE_CACHED_RESULT: 'false',
      }),
    ).toEqual([['spark.sql.shuffle.partitions', '4']]);
  });

  it('refuses what a warehouse does not know', () => {
    expect(() => sparkSettingsOf({ foo: 'bar' })).toThrow(
      '[CONFIG_NOT_AVAILABLE] Configuration foo is not available',
    );
  });

  it("refuses the API's own setting that names a session's caller", () => {
    expect(() => sparkSettingsOf({ 'spark.brickyard.computeCaller.token': 'dbcc00' })).toThrow(
      '[CONFIG_NOT_AVAILABLE] Configuration spark.brickyard.computeCaller.token is not available',
    );
  });

  it('sets values quoted, so that none can end the statement', () => {
    expect(setStatement('spark.sql.session.timeZone', 'UTC`; DROP TABLE t; --')).toBe(
      'SET `spark.sql.session.timeZone` = `UTC``; DROP TABLE t; --`',
    );
  });
});
