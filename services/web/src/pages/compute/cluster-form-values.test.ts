import { describe, expect, it } from 'vitest';
import { attributesOf, clusterValuesOf, newClusterValues } from './cluster-form-values';
import { parseKeyValueLines } from './key-value-lines';

const versions = [
  { key: '19.3.x-cpu-ml-scala2.13', name: '19.3 ML' },
  { key: '19.3.x-scala2.13', name: '19.3' },
];
const nodeTypes = [
  { node_type_id: 'm5d.xlarge', memory_mb: 16384, num_cores: 4, description: '', category: '' },
  { node_type_id: 'm5d.large', memory_mb: 8192, num_cores: 2, description: '', category: '' },
];

describe('the compute form', () => {
  it('starts from the newest runtime that is not ML and the smallest node type', () => {
    const values = newClusterValues('ada@example.com', versions, nodeTypes);
    expect(values).toMatchObject({
      clusterName: "ada's Cluster",
      sparkVersion: '19.3.x-scala2.13',
      nodeTypeId: 'm5d.large',
      numWorkers: '1',
      autoterminationMinutes: '120',
    });
  });

  it('turns a fixed size into num_workers and leaves the driver type to the API', () => {
    const values = newClusterValues('ada', versions, nodeTypes);
    expect(attributesOf({ ...values, numWorkers: '0', sparkConf: 'spark.a 1\n\nspark.b x y' })).toEqual({
      attributes: {
        cluster_name: "ada's Cluster",
        spark_version: '19.3.x-scala2.13',
        node_type_id: 'm5d.large',
        num_workers: 0,
        autotermination_minutes: 120,
        spark_conf: { 'spark.a': '1', 'spark.b': 'x y' },
      },
      problems: [],
    });
  });

  it('turns autoscaling into bounds, leaving their rules to the API', () => {
    const values = { ...newClusterValues('ada', versions, nodeTypes), autoscale: true };
    const { attributes } = attributesOf({ ...values, minWorkers: '2', maxWorkers: '2' });
    expect(attributes.autoscale).toEqual({ min_workers: 2, max_workers: 2 });
    expect(attributes.num_workers).toBeUndefined();
  });

  it('names what cannot be sent', () => {
    const values = { ...newClusterValues('ada', versions, nodeTypes), autoscale: true, maxWorkers: '' };
    expect(
      attributesOf({ ...values, numWorkers: '1.5', customTags: 'team=data\nnoequals' }).problems,
    ).toEqual([
      'Autoscaling needs both min and max workers',
      'Tags, line 2: "noequals" is not of the form key=value',
    ]);
  });

  it('round-trips a spec and keeps the attributes the form does not show', () => {
    const spec = {
      cluster_name: 'etl',
      spark_version: '19.3.x-scala2.13',
      node_type_id: 'm5d.large',
      driver_node_type_id: 'm5d.large',
      autoscale: { min_workers: 1, max_workers: 3 },
      autotermination_minutes: 30,
      custom_tags: { team: 'data' },
      spark_env_vars: { A: '1' },
    };
    const values = clusterValuesOf(spec);
    expect(values.driverNodeTypeId).toBe('');
    const { attributes } = attributesOf(
      { ...values, autoscale: false, numWorkers: '2', customTags: '' },
      spec,
    );
    expect(attributes).toEqual({
      cluster_name: 'etl',
      spark_version: '19.3.x-scala2.13',
      node_type_id: 'm5d.large',
      num_workers: 2,
      autotermination_minutes: 30,
      spark_env_vars: { A: '1' },
    });
  });

  it('reads key=value lines, trimming around the equals sign', () => {
    expect(parseKeyValueLines(' team = data \nowner=ada=x', '=', 'Tags')).toEqual({
      entries: { team: 'data', owner: 'ada=x' },
      problems: [],
    });
  });
});
