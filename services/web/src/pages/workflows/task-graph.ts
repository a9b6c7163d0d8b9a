import dagre from '@dagrejs/dagre';
import type { TaskDependency } from './jobs-api';

/**
 * A job's tasks as a left-to-right graph: each task a box placed by dagre, each dependency an
 * edge from the upstream task (labelled with a condition task's branch). Pure, for the DAG view.
 */

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 64;

export interface GraphTask {
  task_key: string;
  depends_on?: TaskDependency[];
}

interface PlacedNode {
  key: string;
  /** The box's top-left corner. */
  x: number;
  y: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
}

export interface TaskGraph {
  nodes: PlacedNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
}

/** Dependencies between the tasks given; one on a task that is not among them (run-now `only`) is left out. */
export function edgesOf(tasks: readonly GraphTask[]): GraphEdge[] {
  const keys = new Set(tasks.map((task) => task.task_key));
  return tasks.flatMap((task) =>
    (task.depends_on ?? [])
      .filter((dependency) => keys.has(dependency.task_key))
      .map((dependency) => ({
        id: `${dependency.task_key}->${task.task_key}`,
        source: dependency.task_key,
        target: task.task_key,
        ...(dependency.outcome ? { label: dependency.outcome } : {}),
      })),
  );
}

export function layoutTaskGraph(tasks: readonly GraphTask[]): TaskGraph {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 56, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const task of tasks) graph.setNode(task.task_key, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const edges = edgesOf(tasks);
  for (const edge of edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const nodes = tasks.map((task) => {
    // dagre places centres; the graph view places corners.
    const { x, y } = graph.node(task.task_key);
    return { key: task.task_key, x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 };
  });
  const { width = 0, height = 0 } = graph.graph();
  return { nodes, edges, width, height };
}
