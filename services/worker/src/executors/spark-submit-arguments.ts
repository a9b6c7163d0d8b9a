/**
 * The spark-submit arguments of the Jobs API's application tasks, checked: spark_submit_task's
 * `parameters` are spark-submit's own command line; spark_jar_task runs `main_class_name` from the
 * task's first jar library, with the other jar libraries on the classpath.
 */

export type SubmitArguments = { args: string[] } | { error: string };

function stringsOf(value: unknown, what: string): string[] | { error: string } {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    return { error: `${what} must be an array of strings.` };
  }
  return value as string[];
}

export function sparkSubmitArguments(task: Record<string, unknown>): SubmitArguments {
  const parameters = stringsOf(task.parameters, 'spark_submit_task.parameters');
  if (!Array.isArray(parameters)) return parameters;
  if (parameters.length === 0) {
    return {
      error: 'spark_submit_task.parameters must name the application (a jar or Python file) to submit.',
    };
  }
  return { args: parameters };
}

/** The jar of each `{"jar": "..."}` library; other kinds of library are for the Libraries API. */
function jarsOf(libraries: readonly unknown[]): string[] {
  return libraries.flatMap((library) => {
    const jar = (library as { jar?: unknown } | null)?.jar;
    return typeof jar === 'string' && jar !== '' ? [jar] : [];
  });
}

export function sparkJarArguments(
  task: Record<string, unknown>,
  libraries: readonly unknown[] | undefined,
): SubmitArguments {
  const mainClass = task.main_class_name;
  if (typeof mainClass !== 'string' || mainClass.trim() === '') {
    return { error: 'spark_jar_task.main_class_name is required.' };
  }
  const parameters = stringsOf(task.parameters, 'spark_jar_task.parameters');
  if (!Array.isArray(parameters)) return parameters;
  const legacyJar = typeof task.jar_uri === 'string' && task.jar_uri !== '' ? [task.jar_uri] : [];
  const [main, ...others] = [...jarsOf(libraries ?? []), ...legacyJar];
  if (!main) {
    return {
      error: `spark_jar_task needs the jar of ${mainClass} among the task's libraries ({"jar": "dbfs:/..."}).`,
    };
  }
  return {
    args: [
      '--class',
      mainClass,
      ...(others.length > 0 ? ['--jars', others.join(',')] : []),
      main,
      ...parameters,
    ],
  };
}
