import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Empty } from '../../ui/states';
import { taskKindOf } from './job-summary';
import type { Run, RunTask } from './jobs-api';
import { isActive, statusOf } from './run-status';
import { RunSummaryCard } from './run-summary-card';
import { RunTasksTable } from './run-tasks-table';
import { RunTimelineChart } from './run-timeline-chart';
import { TaskDagView } from './task-dag-view';
import { TaskOutputCard } from './task-output-card';
import { useNow } from './use-now';

/** The task whose output shows: the one in ?task=, else the first that failed, else the first. */
function selectedTask(tasks: readonly RunTask[], wanted: string | null): RunTask | undefined {
  return (
    tasks.find((task) => task.task_key === wanted) ??
    tasks.find((task) => ['FAILED', 'TIMEDOUT', 'INTERNAL_ERROR'].includes(statusOf(task.state))) ??
    tasks[0]
  );
}

export function RunDetails({ run }: { run: Run }) {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const now = useNow(isActive(run.state));
  const tasks = run.tasks ?? [];
  const selected = selectedTask(tasks, search.get('task'));
  const dagTasks = useMemo(
    () => tasks.map((task) => ({ ...task, kind: taskKindOf(task).label, status: statusOf(task.state) })),
    [tasks],
  );
  return (
    <>
      <RunSummaryCard run={run} now={now} />
      <section className="card" aria-labelledby="run-tasks-title">
        <h2 id="run-tasks-title">Tasks</h2>
        {tasks.length === 0 ? (
          <Empty title="This run has no tasks" />
        ) : (
          <>
            <TaskDagView
              tasks={dagTasks}
              label={`Task graph of run ${run.run_id}, each task coloured by its status`}
              selectedKey={selected?.task_key}
              onSelect={(key) => navigate(`?task=${encodeURIComponent(key)}`, { replace: true })}
            />
            <RunTasksTable tasks={tasks} selectedKey={selected?.task_key} now={now} />
          </>
        )}
      </section>
      <section className="card" aria-labelledby="run-timeline-title">
        <h2 id="run-timeline-title">Timeline</h2>
        <RunTimelineChart tasks={tasks} now={now} />
      </section>
      {selected && <TaskOutputCard key={selected.run_id} task={selected} />}
    </>
  );
}
