import { describe, expect, it } from 'vitest';
import { actionsIn, describeEvent, startSteps, workersLabel } from './cluster-state';
import type { ClusterDetails } from './clusters-api';

const cluster = (overrides: Partial<ClusterDetails>): ClusterDetails => ({
  cluster_id: 'c1',
  spark_version: '19.3.x-scala2.13',
  state: 'PENDING',
  state_message: '',
  default_tags: {},
  spec: { spark_version: '19.3.x-scala2.13', num_workers: 2 },
  ...overrides,
});

describe('cluster states', () => {
  it.each([
    ['RUNNING', { start: false, restart: true, terminate: true, edit: true }],
    ['PENDING', { start: false, restart: false, terminate: true, edit: false }],
    ['TERMINATED', { start: true, restart: false, terminate: false, edit: true }],
    ['ERROR', { start: true, restart: false, terminate: true, edit: true }],
  ])('in %s the actions offered are %o', (state, actions) => {
    expect(actionsIn(state)).toEqual(actions);
  });

  it('reads the size as set', () => {
    expect(workersLabel(cluster({}))).toBe('2 workers');
    expect(workersLabel(cluster({ spec: { spark_version: 'x', num_workers: 1 } }))).toBe('1 worker');
    expect(
      workersLabel(cluster({ spec: { spark_version: 'x', autoscale: { min_workers: 1, max_workers: 4 } } })),
    ).toBe('1–4 workers (autoscaling)');
  });

  it('shows the way to RUNNING as instances come up', () => {
    const steps = startSteps(cluster({ driver: { node_id: 'd' }, executors: [{ node_id: 'w0' }] }));
    expect(steps.map((step) => [step.label, step.done])).toEqual([
      ['Compute requested', true],
      ['Driver instance up', true],
      ['Workers up: 1 of 2', false],
      ['Running', false],
    ]);
    const single = startSteps(cluster({ state: 'RUNNING', spec: { spark_version: 'x', num_workers: 0 } }));
    expect(single.every((step) => step.done)).toBe(true);
    expect(single[2]?.label).toBe('No workers (single node)');
  });

  it.each([
    [
      { type: 'CREATING', details: { target_num_workers: 1, user: 'ada' } },
      'Creating the cluster with 1 worker by ada',
    ],
    [
      { type: 'RUNNING', details: { current_num_workers: 0, target_num_workers: 0 } },
      'The cluster is running with 0 workers',
    ],
    [
      { type: 'TERMINATING', details: { reason: { code: 'USER_REQUEST' } } },
      'Terminating the cluster: USER_REQUEST',
    ],
    [
      { type: 'RESIZING', details: { current_num_workers: 1, target_num_workers: 3, cause: 'AUTOSCALE' } },
      'Resizing from 1 worker to 3 workers (autoscale)',
    ],
    [{ type: 'SOMETHING_NEW', details: { a: 1 } }, '{"a":1}'],
  ])('event %o reads "%s"', (event, words) => {
    expect(describeEvent({ cluster_id: 'c1', timestamp: 0, ...event })).toBe(words);
  });
});
