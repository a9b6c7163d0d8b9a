import { describe, expect, it } from 'vitest';
import { wheelsOf, wheelTask } from './python-wheel-executor.js';

describe('wheelTask', () => {
  it('passes parameters as sys.argv[1:]', () => {
    expect(wheelTask({ package_name: 'etl', entry_point: 'main', parameters: ['a', 'b'] })).toEqual({
      packageName: 'etl',
      entryPoint: 'main',
      argv: ['a', 'b'],
    });
  });

  it('passes named_parameters as --name=value, as Databricks does', () => {
    const task = {
      package_name: 'etl',
      entry_point: 'main',
      named_parameters: { date: '2026-12-03', n: '3' },
    };
    expect(wheelTask(task)).toMatchObject({ argv: ['--date=2026-12-03', '--n=3'] });
  });

  it.each([
    [{ entry_point: 'main' }, 'python_wheel_task.package_name is required.'],
    [{ package_name: 'etl' }, 'python_wheel_task.entry_point is required.'],
    [
      { package_name: 'etl', entry_point: 'main', parameters: 'a b' },
      'python_wheel_task.parameters must be a list of strings.',
    ],
    [
      { package_name: 'etl', entry_point: 'main', named_parameters: ['a'] },
      'python_wheel_task.named_parameters must be an object of strings.',
    ],
  ])('refuses %j', (task, error) => {
    expect(wheelTask(task)).toEqual({ error });
  });
});

describe('wheelsOf', () => {
  it('takes the whl libraries only', () => {
    expect(
      wheelsOf([
        { jar: 'dbfs:/a.jar' },
        { whl: 'dbfs:/etl-1.0-py3-none-any.whl' },
        { pypi: { package: 'x' } },
      ]),
    ).toEqual(['dbfs:/etl-1.0-py3-none-any.whl']);
    expect(wheelsOf(undefined)).toEqual([]);
  });
});
