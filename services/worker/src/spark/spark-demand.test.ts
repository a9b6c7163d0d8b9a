import { describe, expect, it } from 'vitest';
import { demandHash, type ExecutorSummary, sparkDemandOf } from './spark-demand.js';

const executor = (id: string, hostPort: string, activeTasks: number, totalCores = 2): ExecutorSummary => ({
  id,
  hostPort,
  activeTasks,
  totalCores,
});

describe('sparkDemandOf', () => {
  it('counts the tasks of active stages that have not finished, retries of an index once', () => {
    const stages = [
      { numTasks: 40, numCompletedIndices: 10 },
      { numTasks: 2, numCompletedIndices: 2 },
      { numTasks: 3, numCompletedIndices: 4 },
    ];
    expect(sparkDemandOf(stages, [], 2).tasks).toBe(30);
  });

  it('names the worker hosts whose executors run tasks, never the driver', () => {
    const executors = [
      executor('driver', '127.32.0.1:40000', 3),
      executor('0', '127.32.0.2:41000', 2),
      executor('1', '127.32.0.3:41000', 0),
      executor('2', '127.32.0.2:42000', 1),
    ];
    expect(sparkDemandOf([], executors, 2).busyHosts).toEqual(['127.32.0.2']);
  });

  it('ignores executors that are gone', () => {
    const gone = { ...executor('0', '127.32.0.4:41000', 1, 8), isActive: false };
    expect(sparkDemandOf([], [gone], 2)).toEqual({ tasks: 0, coresPerWorker: 2, busyHosts: [] });
  });

  it('takes the cores per worker from the executors, or the node type before any registered', () => {
    expect(sparkDemandOf([], [executor('0', '127.32.0.2:1', 0, 4)], 2).coresPerWorker).toBe(4);
    expect(sparkDemandOf([], [executor('driver', '127.32.0.1:1', 0, 8)], 2).coresPerWorker).toBe(2);
  });
});

describe('demandHash', () => {
  it('writes the fields the operator reads', () => {
    expect(demandHash({ tasks: 5, coresPerWorker: 2, busyHosts: ['127.32.0.2'] }, 1_000)).toEqual({
      tasks: '5',
      cores_per_worker: '2',
      busy_hosts: '["127.32.0.2"]',
      updated_at: '1000',
    });
  });
});
