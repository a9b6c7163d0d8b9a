import { type Library, libraryKind, libraryProblem } from '@brickyard/common/cluster-spec';
import type { ExecutableTask } from '@brickyard/common/tasks';
import type { LibraryInstaller } from './library-installer.js';

/** The kinds a task's run installs; jars go on the classpath of spark_jar_task instead. */
const PYTHON_KINDS = new Set(['pypi', 'requirements', 'whl']);

/** The task's Python libraries; a python_wheel_task installs its own wheels in its own directory. */
export function taskPythonLibraries(task: ExecutableTask): Library[] {
  return (task.libraries ?? []).flatMap((library) => {
    if (libraryProblem(library) !== undefined) return [];
    const kind = libraryKind(library as Library);
    if (!PYTHON_KINDS.has(kind) || (kind === 'whl' && task.python_wheel_task)) return [];
    return [library as Library];
  });
}

/**
 * Installs a task's Python libraries into the pod's libraries before it runs, as Databricks
 * installs them on the task's cluster; the first that fails fails the run with pip's message.
 */
export async function installTaskLibraries(
  task: ExecutableTask,
  installer: LibraryInstaller,
): Promise<string | undefined> {
  for (const library of taskPythonLibraries(task)) {
    const { status, messages } = await installer.install(library);
    if (status === 'FAILED') {
      return `Library installation failed for library ${JSON.stringify(library)}: ${(messages ?? []).join('\n')}`;
    }
  }
  return undefined;
}
