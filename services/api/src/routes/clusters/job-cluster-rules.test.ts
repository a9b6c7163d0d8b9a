import { describe, expect, it } from 'vitest';
import { DatabricksError } from '../../errors/databricks-error.js';
import { assertNotJobCluster } from './job-cluster-rules.js';

describe('assertNotJobCluster', () => {
  it.each(['start', 'restart'] as const)(
    'refuses to %s a job cluster with 400 INVALID_PARAMETER_VALUE',
    (action) => {
      let raised: unknown;
      try {
        assertNotJobCluster(action, '0101-000000-abcdefgh', 'JOB');
      } catch (error) {
        raised = error;
      }
      expect(raised).toBeInstanceOf(DatabricksError);
      expect(raised).toMatchObject({ statusCode: 400, errorCode: 'INVALID_PARAMETER_VALUE' });
      expect((raised as Error).message).toMatch(
        /^Cluster 0101-000000-abcdefgh is a job cluster and cannot be/,
      );
      // Not the "Cluster ... does not exist" form, which the SDKs turn into ResourceDoesNotExist.
      expect((raised as Error).message).not.toMatch(/does not exist/);
    },
  );

  it.each([['API'], ['UI'], [undefined]])('lets users start a cluster of source %s', (source) => {
    expect(() => assertNotJobCluster('start', 'c', source)).not.toThrow();
  });
});
