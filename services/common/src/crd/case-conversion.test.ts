import type { Static } from 'typebox';
import { describe, expect, it } from 'vitest';
import { ClusterSpec } from '../cluster-spec/schema.js';
import { JobSpec } from '../schema/job.js';
import { camelCaseKey, toCamelCase, toSnakeCase } from './case-conversion.js';

describe('camelCaseKey', () => {
  it.each([
    ['spark_version', 'sparkVersion'],
    ['quartz_cron_expression', 'quartzCronExpression'],
    ['state', 'state'],
    ['s3_bucket_2', 's3Bucket2'],
  ])('turns %s into %s', (snake, camel) => {
    expect(camelCaseKey(snake)).toBe(camel);
  });
});

describe('schema-driven case conversion', () => {
  const cluster = {
    cluster_name: 'etl',
    spark_version: '19.3.x-no-spark-scala2.13',
    autoscale: { min_workers: 1, max_workers: 4 },
    custom_tags: { cost_center: 'data_eng' },
    spark_conf: { 'spark.sql.shuffle.partitions': '8' },
    aws_attributes: { first_on_demand: 1, zone_id: 'auto' },
    desired_state: 'RUNNING' as const,
  };

  it('camelCases fields but keeps the keys of user maps and free-form subtrees', () => {
    expect(toCamelCase(cluster, ClusterSpec)).toEqual({
      clusterName: 'etl',
      sparkVersion: '19.3.x-no-spark-scala2.13',
      autoscale: { minWorkers: 1, maxWorkers: 4 },
      customTags: { cost_center: 'data_eng' },
      sparkConf: { 'spark.sql.shuffle.partitions': '8' },
      awsAttributes: { first_on_demand: 1, zone_id: 'auto' },
      desiredState: 'RUNNING',
    });
  });

  it('maps every field back to the name it came from', () => {
    const camel = toCamelCase(cluster, ClusterSpec);
    expect(toSnakeCase(camel, ClusterSpec)).toEqual(cluster);
  });

  it('converts inside arrays of objects', () => {
    const job = {
      job_id: 7,
      settings: {
        tasks: [{ task_key: 'a', depends_on: [{ task_key: 'b' }], notebook_task: { notebook_path: '/n' } }],
      },
    };
    expect(toCamelCase(job, JobSpec)).toEqual({
      jobId: 7,
      settings: {
        tasks: [{ taskKey: 'a', dependsOn: [{ taskKey: 'b' }], notebookTask: { notebookPath: '/n' } }],
      },
    });
  });

  it('drops fields the schema does not know, as the apiserver would', () => {
    const withUnknownField = { spark_version: 'x', no_such_field: 1 } as unknown as Static<
      typeof ClusterSpec
    >;
    expect(toCamelCase(withUnknownField, ClusterSpec)).toEqual({
      sparkVersion: 'x',
    });
  });
});
