import { describe, expect, it } from 'vitest';
import { edgesOf, layoutTaskGraph, NODE_WIDTH } from './task-graph';

const DIAMOND = [
  { task_key: 'ingest' },
  { task_key: 'clean', depends_on: [{ task_key: 'ingest' }] },
  { task_key: 'enrich', depends_on: [{ task_key: 'ingest' }] },
  { task_key: 'report', depends_on: [{ task_key: 'clean' }, { task_key: 'enrich' }] },
];

function positions(tasks: Parameters<typeof layoutTaskGraph>[0]) {
  return new Map(layoutTaskGraph(tasks).nodes.map((node) => [node.key, node]));
}

describe('the task graph', () => {
  it('draws an edge from each upstream task, with a condition branch as its label', () => {
    expect(
      edgesOf([
        { task_key: 'check' },
        { task_key: 'load', depends_on: [{ task_key: 'check', outcome: 'true' }] },
      ]),
    ).toEqual([{ id: 'check->load', source: 'check', target: 'load', label: 'true' }]);
  });

  it('leaves out a dependency on a task that is not in the run', () => {
    expect(edgesOf([{ task_key: 'report', depends_on: [{ task_key: 'not-run' }] }])).toEqual([]);
  });

  it('places each task right of the tasks it depends on', () => {
    const at = positions(DIAMOND);
    const x = (key: string) => at.get(key)?.x ?? Number.NaN;
    expect(x('clean')).toBeGreaterThanOrEqual(x('ingest') + NODE_WIDTH);
    expect(x('report')).toBeGreaterThanOrEqual(x('clean') + NODE_WIDTH);
  });

  it('stacks tasks of the same rank one above the other', () => {
    const at = positions(DIAMOND);
    expect(at.get('clean')?.x).toBe(at.get('enrich')?.x);
    expect(at.get('clean')?.y).not.toBe(at.get('enrich')?.y);
  });

  it('sizes the graph to hold every box', () => {
    const graph = layoutTaskGraph(DIAMOND);
    for (const node of graph.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.x + NODE_WIDTH).toBeLessThanOrEqual(graph.width);
    }
  });

  it('lays out a job without tasks as an empty graph', () => {
    expect(layoutTaskGraph([]).nodes).toEqual([]);
  });
});
