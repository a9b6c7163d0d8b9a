import { describe, expect, it } from 'vitest';
import { masterUrlOf, sparkMode } from './spark-mode.js';

describe('sparkMode', () => {
  it.each([
    ['a cluster with workers', {}, false, { kind: 'standalone' }],
    ['a cluster whose size the operator did not give', {}, undefined, { kind: 'standalone' }],
    ['a cluster with no workers (num_workers 0)', {}, true, { kind: 'local', master: 'local[4]' }],
    [
      'the singleNode profile',
      { 'spark.databricks.cluster.profile': 'singleNode' },
      undefined,
      { kind: 'local', master: 'local[4]' },
    ],
    [
      'a local master in spark_conf, kept as given',
      { 'spark.master': 'local[*, 4]' },
      false,
      { kind: 'local', master: 'local[*, 4]' },
    ],
    [
      'another master in spark_conf (Brickyard owns it)',
      { 'spark.master': 'spark://elsewhere:7077' },
      false,
      { kind: 'standalone' },
    ],
  ])('runs %s as expected', (_case, conf, singleNode, mode) => {
    expect(sparkMode(conf, singleNode, 4)).toEqual(mode);
  });

  it('names the master by the driver pod’s address', () => {
    expect(masterUrlOf('127.32.0.5')).toBe('spark://127.32.0.5:7077');
  });
});
