import { describe, expect, it } from 'vitest';
import { sparkJarArguments, sparkSubmitArguments } from './spark-submit-arguments.js';

describe('sparkSubmitArguments', () => {
  it('passes the parameters to spark-submit as they are', () => {
    const parameters = ['--class', 'org.example.Main', 'dbfs:/jars/app.jar', '10'];
    expect(sparkSubmitArguments({ parameters })).toEqual({ args: parameters });
  });

  it('refuses parameters that name no application, or are not strings', () => {
    expect(sparkSubmitArguments({})).toHaveProperty('error');
    expect(sparkSubmitArguments({ parameters: ['app.py', 3] })).toEqual({
      error: 'spark_submit_task.parameters must be an array of strings.',
    });
  });
});

describe('sparkJarArguments', () => {
  it('runs the main class from the first jar library, the others on the classpath', () => {
    const libraries = [
      { jar: 'dbfs:/jars/app.jar' },
      { pypi: { package: 'x' } },
      { jar: 'dbfs:/jars/dep.jar' },
    ];
    expect(sparkJarArguments({ main_class_name: 'org.example.Main', parameters: ['a'] }, libraries)).toEqual({
      args: ['--class', 'org.example.Main', '--jars', 'dbfs:/jars/dep.jar', 'dbfs:/jars/app.jar', 'a'],
    });
  });

  it('takes the deprecated jar_uri when there is no jar library', () => {
    expect(sparkJarArguments({ main_class_name: 'M', jar_uri: 'dbfs:/a.jar' }, undefined)).toEqual({
      args: ['--class', 'M', 'dbfs:/a.jar'],
    });
  });

  it('says what is missing', () => {
    expect(sparkJarArguments({}, [{ jar: 'dbfs:/a.jar' }])).toEqual({
      error: 'spark_jar_task.main_class_name is required.',
    });
    expect(sparkJarArguments({ main_class_name: 'M' }, [])).toEqual({
      error: `spark_jar_task needs the jar of M among the task's libraries ({"jar": "dbfs:/..."}).`,
    });
  });
});
