import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Small queries through Spark Connect, as a client sends them, as soon as the driver serves
 * sessions: a cold driver's first query (class loading, the JIT, the executors' first tasks) took
 * 6 s here and the next ones half a second, so the driver runs them before users do. Every result
 * of a Connect query comes from a Spark job, so they also wait for an executor.
 */
export const WARM_UP_QUERIES = [
  'spark.sql("SELECT 1 AS one").collect()',
  'spark.range(0, 1000, 1, 4).selectExpr("sum(id)").collect()',
];

function script(queries: readonly string[]): string {
  return [
    'import os',
    'from pyspark.sql import SparkSession',
    'spark = SparkSession.builder.remote(os.environ["SPARK_REMOTE"]).getOrCreate()',
    ...queries,
    'spark.stop()',
  ].join('\n');
}

/** Runs queries with the runtime's Python against `remote` (sc://...); resolves with the ms taken. */
export async function warmUp(
  python: string,
  remote: string,
  queries: readonly string[],
  timeoutMs: number,
): Promise<number> {
  const started = performance.now();
  // Only what pyspark needs: the warm-up gets none of the runtime's credentials.
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    SPARK_REMOTE: remote,
  };
  await run(python, ['-c', script(queries)], { env, timeout: timeoutMs });
  return performance.now() - started;
}
