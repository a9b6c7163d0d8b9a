import {
  type Edge,
  Handle,
  MarkerType,
  type Node,
  type NodeProps,
  type NodeTypes,
  Position,
  ReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { toneOf } from '../../ui/state-tone';
import { type GraphTask, layoutTaskGraph, NODE_HEIGHT, NODE_WIDTH } from './task-graph';

/** A task as a box of the graph: its key, its kind, and in a run its status. */
export interface DagTask extends GraphTask {
  kind: string;
  status?: string;
}

type TaskNode = Node<{ task: DagTask; selected: boolean }, 'task'>;

function TaskBox({ data }: NodeProps<TaskNode>) {
  const { task, selected } = data;
  return (
    <div
      className={`wf-node${selected ? ' selected' : ''}`}
      data-tone={task.status ? toneOf(task.status) : 'plain'}
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <strong className="wf-node-key">{task.task_key}</strong>
      <span className="wf-node-kind">
        {task.kind}
        {task.status && ` · ${task.status}`}
      </span>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const NODE_TYPES: NodeTypes = { task: TaskBox };
const MIN_HEIGHT = 140;
const MAX_HEIGHT = 440;

/**
 * The tasks as a graph, laid out by dagre, read-only. It is a picture for pointer users (a click
 * selects a task); the page lists the same tasks as links for the keyboard and screen readers.
 */
export default function TaskDag({
  tasks,
  label,
  selectedKey,
  onSelect,
}: {
  tasks: readonly DagTask[];
  label: string;
  selectedKey?: string | undefined;
  onSelect?: ((taskKey: string) => void) | undefined;
}) {
  const graph = useMemo(() => layoutTaskGraph(tasks), [tasks]);
  const nodes = useMemo(
    () =>
      graph.nodes.map((placed, index): TaskNode => {
        const task = tasks[index] as DagTask;
        return {
          id: placed.key,
          type: 'task',
          position: { x: placed.x, y: placed.y },
          data: { task, selected: placed.key === selectedKey },
        };
      }),
    [graph, tasks, selectedKey],
  );
  const edges = useMemo(
    () =>
      graph.edges.map(
        (edge): Edge => ({
          ...edge,
          markerEnd: { type: MarkerType.ArrowClosed },
          ...(edge.label ? { labelBgPadding: [4, 2] as [number, number] } : {}),
        }),
      ),
    [graph],
  );
  const height = Math.min(Math.max(graph.height + 32, MIN_HEIGHT), MAX_HEIGHT);
  return (
    <figure className="wf-dag" style={{ height }} aria-label={label}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        minZoom={0.3}
        maxZoom={1.5}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        zoomOnScroll={false}
        preventScrolling={false}
        onNodeClick={(_event, node) => onSelect?.(node.id)}
      />
    </figure>
  );
}
