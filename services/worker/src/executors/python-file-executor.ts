import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Task } from '@brickyard/common/schema';
import { parseDbfsPath, parseWorkspacePath } from '@brickyard/common/storage';
import { resolveValueReferences } from '@brickyard/common/tasks';
import { DbfsError } from '../storage/dbfs.js';
import type { ExecutionResult } from '../task-types.js';
import { loadWorkspaceSource } from '../workspace-files.js';
import type { ExecutionEnv } from './execution-env.js';
import { runPythonDriver } from './python-driver.js';

type SparkPythonTask = NonNullable<Task['spark_python_task']>;

function fileName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.endsWith('.py') ? name : `${name || 'main'}.py`;
}

/** Fetches the script into the task's temp dir; undefined when it does not exist. */
async function fetchScript(task: SparkPythonTask, env: ExecutionEnv): Promise<string | undefined> {
  const target = join(env.tempDir, 'src', fileName(task.python_file));
  if (task.python_file.startsWith('dbfs:')) {
    try {
      await env.dbfs.downloadTo(parseDbfsPath(task.python_file), target, false);
      return target;
    } catch (error) {
      if (
        error instanceof DbfsError &&
        (error.code === 'FILE_NOT_FOUND' || error.code === 'IS_A_DIRECTORY')
      ) {
        return undefined;
      }
      throw error;
    }
  }
  // A workspace file keeps its .py; one imported as a notebook lost it.
  const source = await loadWorkspaceSource(env.storage, env.workspaceId, task.python_file, []);
  const withoutExtension = task.python_file.endsWith('.py')
    ? await loadWorkspaceSource(env.storage, env.workspaceId, task.python_file.slice(0, -3), [])
    : undefined;
  const found = source ?? withoutExtension;
  if (!found) return undefined;
  await mkdir(join(env.tempDir, 'src'), { recursive: true });
  await writeFile(target, found.text);
  return target;
}

/** spark_python_task: the file runs as __main__ with `parameters` as sys.argv[1:] and dbutils as a global. */
export async function executePythonFileTask(
  task: SparkPythonTask,
  env: ExecutionEnv,
): Promise<ExecutionResult> {
  if (task.source === 'GIT') {
    return {
      result: 'FAILED',
      error: 'Python files from Git (source GIT) are not supported by the Brickyard runtime yet.',
    };
  }
  if (!task.python_file.startsWith('dbfs:') && !task.python_file.startsWith('/')) {
    return {
      result: 'FAILED',
      error: `python_file must be a workspace path (/Users/...) or a DBFS path (dbfs:/...): ${task.python_file}`,
    };
  }
  const file = await fetchScript(task, env);
  if (!file) return { result: 'FAILED', error: `Python file not found: ${task.python_file}` };
  const argv = (task.parameters ?? []).map((parameter) => resolveValueReferences(parameter, env.references));
  const displayName = task.python_file.startsWith('dbfs:')
    ? task.python_file
    : `/Workspace${parseWorkspacePath(task.python_file)}`;
  return runPythonDriver(env, { mode: 'file', file, displayName, argv, widgets: { ...env.parameters } });
}
