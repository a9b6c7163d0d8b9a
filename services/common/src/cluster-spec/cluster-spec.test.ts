import { describe, expect, it } from 'vitest';
import type { ClusterResource } from '../crd/resource-kinds.js';
import { buildClusterResource } from './builder.js';
import { withDefaults } from './defaults.js';
import {
  editRequested,
  resizeRequested,
  restartRequested,
  startRequested,
  terminationRequested,
} from './requests.js';
import type { ClusterAttributes, ClusterState } from './schema.js';
import { hasObservedGeneration, isSpecObserved, isStopped, reportedState } from './state.js';
import { attributeProblems, resourceSpecProblems } from './validation.js';

const runtime = '19.3.x-no-spark-scala2.13';

describe('defaults', () => {
  it.each<[string, ClusterAttributes, Record<string, unknown>]>([
    [
      'the default node type for driver and workers, and zero workers',
      { spark_version: runtime },
      { node_type_id: 'm5d.large', driver_node_type_id: 'm5d.large', num_workers: 0 },
    ],
    [
      "the workers' node type for the driver",
      { spark_version: runtime, node_type_id: 'r5d.large', num_workers: 3 },
      { node_type_id: 'r5d.large', driver_node_type_id: 'r5d.large', num_workers: 3 },
    ],
    [
      'no fixed size beside autoscale',
      { spark_version: runtime, autoscale: { min_workers: 1, max_workers: 2 } },
      { num_workers: undefined, autoscale: { min_workers: 1, max_workers: 2 } },
    ],
  ])('fill in %s', (_case, attributes, expected) => {
    const filled = withDefaults(attributes);
    for (const [key, value] of Object.entries(expected)) {
      expect(filled[key as keyof ClusterAttributes]).toEqual(value);
    }
  });
});

describe('validation', () => {
  it.each<[string, ClusterAttributes, RegExp | undefined]>([
    ['a minimal cluster', { spark_version: runtime }, undefined],
    ['an unknown runtime', { spark_version: '1.0.x-scala2.10' }, /^Invalid spark version 1.0.x-scala2.10/],
    [
      'an unknown node type',
      { spark_version: runtime, node_type_id: 'z9.huge' },
      /^Node type z9.huge is not supported/,
    ],
    [
      'an unknown driver node type',
      { spark_version: runtime, driver_node_type_id: 'z9.huge' },
      /^Node type z9.huge is not supported/,
    ],
    [
      'equal autoscale bounds',
      { spark_version: runtime, autoscale: { min_workers: 3, max_workers: 3 } },
      /^autoscale.max_workers must be greater than autoscale.min_workers$/,
    ],
  ])('of %s', (_case, attributes, problem) => {
    const [found] = attributeProblems(attributes);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeUndefined();
  });

  it('words the problems of a resource spec in its camelCase names', () => {
    expect(
      resourceSpecProblems({ sparkVersion: runtime, autoscale: { minWorkers: 2, maxWorkers: 1 } }),
    ).toEqual(['autoscale.maxWorkers must be greater than autoscale.minWorkers']);
  });
});

describe('the builder', () => {
  it('makes the Cluster of clusters/create: defaults, running from restart generation 0, labelled', () => {
    const resource = buildClusterResource({
      clusterId: '0301-100000-abcdefgh',
      workspaceId: 42,
      attributes: { cluster_name: 'etl', spark_version: runtime, custom_tags: { team_name: 'lake' } },
      source: 'API',
      creatorUserName: 'ada@example.com',
    });
    expect(resource).toEqual({
      apiVersion: 'brickyard.dev/v1alpha1',
      kind: 'Cluster',
      metadata: {
        name: '0301-100000-abcdefgh',
        namespace: 'brickyard-ws-42',
        labels: {
          'app.kubernetes.io/managed-by': 'brickyard',
          'brickyard.dev/workspace-id': '42',
          'brickyard.dev/cluster-id': '0301-100000-abcdefgh',
        },
      },
      spec: {
        clusterName: 'etl',
        sparkVersion: runtime,
        customTags: { team_name: 'lake' },
        nodeTypeId: 'm5d.large',
        driverNodeTypeId: 'm5d.large',
        numWorkers: 0,
        desiredState: 'RUNNING',
        restartGeneration: 0,
        clusterSource: 'API',
        creatorUserName: 'ada@example.com',
      },
    });
  });

  it('keeps its own labels over the caller’s', () => {
    const resource = buildClusterResource({
      clusterId: 'c-1',
      workspaceId: 1,
      attributes: { spark_version: runtime },
      source: 'JOB',
      labels: { 'brickyard.dev/cluster-id': 'other', extra: 'yes' },
    });
    expect(resource.metadata.labels).toMatchObject({ 'brickyard.dev/cluster-id': 'c-1', extra: 'yes' });
    expect(resource.metadata.annotations).toBeUndefined();
    expect(resource.spec.creatorUserName).toBeUndefined();
  });
});

function cluster(
  spec: Partial<ClusterResource['spec']>,
  status?: ClusterResource['status'],
  generation = 2,
): ClusterResource {
  return {
    apiVersion: 'brickyard.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'c', generation },
    spec: { sparkVersion: runtime, numWorkers: 2, desiredState: 'RUNNING', restartGeneration: 1, ...spec },
    ...(status ? { status } : {}),
  };
}

describe('the state clients see', () => {
  it.each<[string, ClusterResource, ClusterState, boolean]>([
    ['a cluster the operator has not reported on', cluster({}), 'PENDING', false],
    [
      'a termination the operator has not observed',
      cluster({ desiredState: 'TERMINATED' }),
      'PENDING',
      false,
    ],
    [
      'the state of an earlier spec, as it is (never a prediction)',
      cluster({}, { state: 'RUNNING', observedGeneration: 1 }),
      'RUNNING',
      false,
    ],
    [
      'the transition the operator published',
      cluster({}, { state: 'RESTARTING', observedGeneration: 2 }),
      'RESTARTING',
      true,
    ],
  ])('is the state in status: %s', (_case, resource, state, observed) => {
    expect(reportedState(resource)).toBe(state);
    expect(isSpecObserved(resource)).toBe(observed);
  });

  it('knows whether a given generation was observed', () => {
    const resource = cluster({}, { state: 'RUNNING', observedGeneration: 3 });
    expect(hasObservedGeneration(resource, 3)).toBe(true);
    expect(hasObservedGeneration(resource, 4)).toBe(false);
    expect(hasObservedGeneration(cluster({}), 1)).toBe(false);
  });

  it.each<[string, ClusterResource, boolean]>([
    ['asked to terminate', cluster({ desiredState: 'TERMINATED' }), true],
    ['terminated for inactivity', cluster({}, { state: 'TERMINATED', observedGeneration: 2 }), true],
    [
      'reported terminated before a start it has not observed',
      cluster({}, { state: 'TERMINATED', observedGeneration: 1 }),
      false,
    ],
    ['running', cluster({}, { state: 'RUNNING', observedGeneration: 2 }), false],
  ])('tells a stopped cluster: %s', (_case, resource, stopped) => {
    expect(isStopped(resource)).toBe(stopped);
  });
});

describe('the spec changes that request transitions', () => {
  const running = cluster(
    { pinned: true, clusterSource: 'API', creatorUserName: 'ada' },
    { state: 'RUNNING', observedGeneration: 2 },
  );
  const stopped = cluster({ desiredState: 'TERMINATED' }, { state: 'TERMINATED', observedGeneration: 2 });

  it.each<[string, ClusterResource['spec'], Record<string, unknown>]>([
    [
      'start: running, in a new restart generation',
      startRequested(stopped.spec),
      { desiredState: 'RUNNING', restartGeneration: 2 },
    ],
    [
      'restart: a new restart generation',
      restartRequested(running.spec),
      { desiredState: 'RUNNING', restartGeneration: 2 },
    ],
    [
      'terminate: desiredState TERMINATED',
      terminationRequested(running.spec),
      { desiredState: 'TERMINATED', restartGeneration: 1 },
    ],
    [
      'resize to a fixed size',
      resizeRequested(running.spec, { num_workers: 5 }),
      { numWorkers: 5, autoscale: undefined },
    ],
    [
      'resize to autoscale',
      resizeRequested(running.spec, { autoscale: { min_workers: 1, max_workers: 3 } }),
      { numWorkers: undefined, autoscale: { minWorkers: 1, maxWorkers: 3 } },
    ],
    [
      'edit a running cluster: new attributes, restarted, controls kept',
      editRequested(running, { spark_version: runtime, num_workers: 1 }),
      { numWorkers: 1, nodeTypeId: 'm5d.large', restartGeneration: 2, pinned: true, creatorUserName: 'ada' },
    ],
    [
      'edit a stopped cluster: not restarted',
      editRequested(stopped, { spark_version: runtime, num_workers: 1 }),
      { numWorkers: 1, desiredState: 'TERMINATED', restartGeneration: 1 },
    ],
  ])('%s', (_case, spec, expected) => {
    for (const [key, value] of Object.entries(expected)) {
      expect(spec[key as keyof typeof spec]).toEqual(value);
    }
  });
});
