import type { ExecutableTask } from '@brickyard/common/tasks';
import { describe, expect, it } from 'vitest';
import { taskPythonLibraries } from './task-libraries.js';

const libraries = [
  { pypi: { package: 'six' } },
  { whl: 'dbfs:/a-1.0-py3-none-any.whl' },
  { requirements: '/Workspace/r.txt' },
  { jar: 'dbfs:/a.jar' },
  { maven: { coordinates: 'a:b:1' } },
  { pypi: {} },
];

describe('taskPythonLibraries', () => {
  it('are the PyPI packages, wheels and requirements files of a task, valid ones only', () => {
    const task = { task_key: 't', notebook_task: { notebook_path: '/n' }, libraries } as ExecutableTask;
    expect(taskPythonLibraries(task)).toEqual(libraries.slice(0, 3));
  });

  it("leave a python_wheel_task's wheels to it", () => {
    const task = {
      task_key: 't',
      python_wheel_task: { package_name: 'a', entry_point: 'main' },
      libraries,
    } as ExecutableTask;
    expect(taskPythonLibraries(task)).toEqual([libraries[0], libraries[2]]);
  });
});
