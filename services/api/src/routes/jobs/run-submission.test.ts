import type { Task } from '@brickyard/common/schema';
import { describe, expect, it } from 'vitest';
import { selectTasks } from './run-submission.js';

const task = (task_key: string, depends: string[] = []): Task => ({
  task_key,
  notebook_task: { notebook_path: '/n' },
  ...(depends.length ? { depends_on: depends.map((key) => ({ task_key: key })) } : {}),
});
const tasks = [task('a'), task('b', ['a']), task('c', ['a', 'b'])];

describe('selectTasks', () => {
  it('runs every task when only is not given', () => {
    expect(selectTasks(tasks, undefined)).toEqual(tasks);
  });

  it('runs only the named tasks and drops dependencies on the others', () => {
    expect(selectTasks(tasks, ['b', 'c'])).toEqual(
      [task('b', []), task('c', ['b'])].map((t) => ({ ...t, depends_on: t.depends_on ?? [] })),
    );
  });

  it('refuses task keys the job does not have', () => {
    expect(() => selectTasks(tasks, ['a', 'ghost'])).toThrow(
      /Tasks ghost given in only are not tasks of the job/,
    );
  });
});
