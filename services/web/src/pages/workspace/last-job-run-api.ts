import { get } from '../../rest/client';

/** The parts of a run (runs/list with expand_tasks) that say which notebook a task ran. */
interface TaskRun {
  run_id: number;
  task_key: string;
  notebook_task?: { notebook_path: string };
  state: { life_cycle_state: string; result_state?: string; state_message?: string };
  start_time: number;
}

interface Run {
  run_id: number;
  run_name: string;
  job_id?: number;
  tasks?: TaskRun[];
}

/** runs/get-output of a notebook task: what the notebook exited with (dbutils.notebook.exit). */
interface RunOutput {
  notebook_output?: { result?: string; truncated?: boolean };
  error?: string;
}

export interface LastNotebookRun {
  run: Run;
  task: TaskRun;
  output: RunOutput;
}

/** How many of the newest runs are searched for the notebook (the most runs/list gives at once). */
export const RUNS_SEARCHED = 25;

/** Notebook tasks may name the notebook with the '/Workspace' prefix clusters see. */
function sameNotebook(taskPath: string, path: string): boolean {
  return taskPath === path || taskPath === `/Workspace${path}`;
}

/**
 * The newest job run of the notebook among the latest runs of the workspace, with its output.
 * The Jobs API keeps a notebook task's exit value, not the outputs of its cells.
 */
export async function lastNotebookRun(path: string): Promise<LastNotebookRun | null> {
  const { runs = [] } = await get<{ runs?: Run[] }>('/api/2.1/jobs/runs/list', {
    expand_tasks: true,
    limit: RUNS_SEARCHED,
  });
  for (const run of runs) {
    const task = run.tasks?.find((candidate) =>
      sameNotebook(candidate.notebook_task?.notebook_path ?? '', path),
    );
    if (task) {
      const output = await get<RunOutput>('/api/2.1/jobs/runs/get-output', { run_id: task.run_id });
      return { run, task, output };
    }
  }
  return null;
}
