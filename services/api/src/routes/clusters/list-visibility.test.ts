import type { ClusterResource } from '@brickyard/common/crd';
import { describe, expect, it } from 'vitest';
import { isListed, type ListFilter, TERMINATED_LISTED_MS } from './list-visibility.js';

const now = 1_800_000_000_000;
const day = 24 * 3_600_000;

function cluster(
  spec: Partial<ClusterResource['spec']>,
  status?: ClusterResource['status'],
  deleting = false,
): ClusterResource {
  return {
    apiVersion: 'brickyard.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'c', generation: 1, ...(deleting ? { deletionTimestamp: new Date(now) } : {}) },
    spec: {
      sparkVersion: '19.3.x-no-spark-scala2.13',
      desiredState: 'RUNNING',
      clusterSource: 'API',
      ...spec,
    },
    ...(status ? { status } : {}),
  };
}

function withoutSource(resource: ClusterResource): ClusterResource {
  delete resource.spec.clusterSource;
  return resource;
}

const running = { state: 'RUNNING' as const, observedGeneration: 1 };
const terminated = (daysAgo: number) => ({
  state: 'TERMINATED' as const,
  observedGeneration: 1,
  terminatedTime: now - daysAgo * day,
});
const finishedJobCluster = (daysAgo: number) =>
  cluster(
    { clusterSource: 'JOB' },
    { ...terminated(daysAgo), terminationReason: { code: 'JOB_FINISHED', type: 'SUCCESS' as const } },
  );

function warehouseCompute(): ClusterResource {
  const resource = cluster({ clusterSource: 'SQL' }, running);
  resource.metadata.labels = { 'brickyard.dev/warehouse-id': '0123456789abcdef' };
  return resource;
}

describe('isListed', () => {
  it.each<[string, ClusterResource, ListFilter, boolean]>([
    ['a running all-purpose cluster', cluster({}, running), {}, true],
    ['a job cluster whose run goes on, by default', cluster({ clusterSource: 'JOB' }, running), {}, true],
    ['a job cluster its run finished a day ago, by default', finishedJobCluster(1), {}, true],
    ['a job cluster terminated longer ago than the list looks back', finishedJobCluster(31), {}, false],
    ['an all-purpose cluster terminated 31 days ago', cluster({}, terminated(31)), {}, false],
    ['a pinned cluster terminated long ago', cluster({ pinned: true }, terminated(90)), {}, true],
    [
      'a finished job cluster when job clusters are asked for',
      finishedJobCluster(1),
      { sources: ['JOB'] },
      true,
    ],
    [
      'a finished job cluster when only UI and API clusters are',
      finishedJobCluster(1),
      { sources: ['UI', 'API'] },
      false,
    ],
    ['an all-purpose cluster when only job clusters are', cluster({}, running), { sources: ['JOB'] }, false],
    [
      'a cluster without a source counts as API',
      withoutSource(cluster({}, running)),
      { sources: ['API'] },
      true,
    ],
    [
      'a finished job cluster asked for by its state',
      finishedJobCluster(1),
      { states: ['TERMINATED'] },
      true,
    ],
    [
      'a finished job cluster when running ones are asked for',
      finishedJobCluster(1),
      { states: ['RUNNING'] },
      false,
    ],
    ['a pinned-only list leaves unpinned clusters out', finishedJobCluster(1), { pinned: true }, false],
    ['a cluster being deleted', cluster({}, running, true), {}, false],
    [
      "a SQL warehouse's compute, even asked for by its source",
      warehouseCompute(),
      { sources: ['SQL'] },
      false,
    ],
  ])('%s: %s', (_name, resource, filter, expected) => {
    expect(isListed(resource, filter, now)).toBe(expected);
  });

  it('looks back 30 days', () => {
    expect(TERMINATED_LISTED_MS).toBe(30 * day);
    expect(isListed(finishedJobCluster(30), {}, now)).toBe(true);
  });
});
