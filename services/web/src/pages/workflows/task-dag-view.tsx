import { type ComponentProps, lazy, Suspense } from 'react';
import { Loading } from '../../ui/states';

// The graph library and dagre are a chunk of their own, fetched when a graph is first drawn.
const TaskDag = lazy(() => import('./task-dag'));

export function TaskDagView(props: ComponentProps<typeof TaskDag>) {
  return (
    <Suspense fallback={<Loading label="Drawing the task graph" />}>
      <TaskDag {...props} />
    </Suspense>
  );
}
