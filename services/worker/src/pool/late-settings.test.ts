import { describe, expect, it } from 'vitest';
import { lateSettings } from './late-settings.js';

const warm = {
  'spark.master': 'local[2]',
  'spark.databricks.clusterUsageTags.clusterId': 'pool-pod-x',
  'spark.sql.catalog.main': 'dev.brickyard.catalog.UnityCatalog',
};

describe('lateSettings', () => {
  it('gives the cluster id and the workspace catalogs to a warm driver', () => {
    const wanted = {
      ...warm,
      'spark.databricks.clusterUsageTags.clusterId': '1205-120000-abc',
      'spark.sql.catalog.sales': 'dev.brickyard.catalog.UnityCatalog',
    };
    expect(lateSettings(warm, wanted, 2)).toEqual({
      'spark.databricks.clusterUsageTags.clusterId': '1205-120000-abc',
      'spark.sql.catalog.sales': 'dev.brickyard.catalog.UnityCatalog',
    });
  });

  it("takes Databricks' single-node form: the singleNode profile and local[*] on the node's cores", () => {
    const wanted = { ...warm, 'spark.master': 'local[*]', 'spark.databricks.cluster.profile': 'singleNode' };
    expect(lateSettings(warm, wanted, 2)).toEqual({ 'spark.databricks.cluster.profile': 'singleNode' });
    expect(lateSettings(warm, wanted, 4)).toBeUndefined();
  });

  it('has nothing to give when the settings are the same', () => {
    expect(lateSettings(warm, warm, 2)).toEqual({});
  });

  it.each([
    ['a setting fixed at start differs', { ...warm, 'spark.master': 'local[1]' }],
    ['the cluster adds one of its own', { ...warm, 'spark.executor.memory': '2g' }],
    ['a setting of the warm driver is not wanted', { 'spark.master': 'local[2]' }],
    ['the session catalog differs', { ...warm, 'spark.sql.catalog.spark_catalog': 'x' }],
    ['a catalog option, not a catalog, is set', { ...warm, 'spark.sql.catalog.main.uri': 'x' }],
    ['the master is local[*] with task retries', { ...warm, 'spark.master': 'local[*, 4]' }],
  ])('refuses when %s', (_, wanted) => {
    expect(lateSettings(warm, wanted, 2)).toBeUndefined();
  });
});
