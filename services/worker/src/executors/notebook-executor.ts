import type { Task } from '@brickyard/common/schema';
import {
  FILE_TYPE,
  NOTEBOOK_LANGUAGES,
  type NotebookCell,
  parseNotebookSource,
} from '@brickyard/common/storage';
import { resolveValueReferences } from '@brickyard/common/tasks';
import type { ExecutionResult } from '../task-types.js';
import { loadWorkspaceSource } from '../workspace-files.js';
import type { ExecutionEnv } from './execution-env.js';
import { type RunnableCell, runPythonDriver } from './python-driver.js';
import { runSqlScripts } from './sql-runner.js';

type NotebookTask = NonNullable<Task['notebook_task']>;

/** A notebook stored as a plain file keeps its extension: .py, .sql, .scala, .r. */
const NOTEBOOK_EXTENSIONS = NOTEBOOK_LANGUAGES.map((language) => `.${FILE_TYPE[language]}`);

/** Magic commands that are skipped with a notice instead of failing the notebook. */
const SKIPPED_MAGICS = new Set(['conda']);

export type CellPlan = { runnable: RunnableCell[]; notices: string[] } | { error: string };

function magicError(cell: NotebookCell): string {
  const what = cell.magic ? `%${cell.magic}` : `${cell.kind} code`;
  const hint = cell.magic === 'run' ? ' (inline the code, or make it a task that this one depends on)' : '';
  return `Cell ${cell.index} uses ${what}, which the Brickyard runtime does not support yet${hint}.`;
}

/** Which cells run, in order: Python, SQL and %pip run, Markdown is skipped, other magics are errors. */
export function planCells(cells: readonly NotebookCell[]): CellPlan {
  const runnable: RunnableCell[] = [];
  const notices: string[] = [];
  for (const cell of cells) {
    if (cell.kind === 'python' || cell.kind === 'sql') {
      runnable.push({ index: cell.index, kind: cell.kind === 'sql' ? 'sql' : 'python', source: cell.source });
    } else if (cell.magic === 'pip') {
      // Notebook-scoped: installed for this run only.
      runnable.push({ index: cell.index, kind: 'pip', source: cell.source });
    } else if (cell.kind === 'markdown') {
      // documentation only
    } else if (cell.magic && SKIPPED_MAGICS.has(cell.magic)) {
      notices.push(
        `Cell ${cell.index}: %${cell.magic} is not supported by the Brickyard runtime; the cell was skipped.`,
      );
    } else {
      return { error: magicError(cell) };
    }
  }
  return { runnable, notices };
}

export async function executeNotebookTask(task: NotebookTask, env: ExecutionEnv): Promise<ExecutionResult> {
  if (task.source === 'GIT') {
    return {
      result: 'FAILED',
      error: 'Notebooks from Git (source GIT) are not supported by the Brickyard runtime yet.',
    };
  }
  const source = await loadWorkspaceSource(
    env.storage,
    env.workspaceId,
    task.notebook_path,
    NOTEBOOK_EXTENSIONS,
  );
  if (!source) {
    return { result: 'FAILED', error: `Notebook not found: ${task.notebook_path}` };
  }
  const notebook = parseNotebookSource(source.text, source.path);
  if (notebook.language === 'SCALA' || notebook.language === 'R') {
    return {
      result: 'FAILED',
      error: `${source.path} is a ${notebook.language === 'R' ? 'R' : 'Scala'} notebook; the Brickyard runtime runs Python and SQL.`,
    };
  }
  const plan = planCells(notebook.cells);
  if ('error' in plan) return { result: 'FAILED', error: plan.error };
  for (const notice of plan.notices) env.logs.line(notice, 'stderr');

  const widgets: Record<string, string> = {};
  for (const [name, value] of Object.entries(task.base_parameters ?? {})) {
    widgets[name] = resolveValueReferences(value, env.references);
  }
  Object.assign(widgets, env.parameters);

  if (plan.runnable.every((cell) => cell.kind === 'sql')) {
    // No Python: without Spark the SQL cells run here, with no Python process.
    const scripts = plan.runnable.map((cell) => ({ label: `SQL cell ${cell.index}`, source: cell.source }));
    return runSqlScripts(env, scripts, widgets);
  }
  return runPythonDriver(env, { mode: 'notebook', notebookPath: source.path, cells: plan.runnable, widgets });
}
