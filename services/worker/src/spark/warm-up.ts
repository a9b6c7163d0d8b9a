import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Logger } from 'pino';

const run = promisify(execFile);

/**
 * Small queries through Spark Connect, as a client sends them, as soon as the driver serves
 * sessions: a cold driver's first query (class loading, the JIT, the executors' first tasks) took
 * 6 s here and the next ones half a second, so the driver runs them before users do. Every result
 * of a Connect query comes from a Spark job, so they also wait for an executor.
 */
const WARM_UP_QUERIES = [
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

/** The warm-up waits for an executor, and a worker pod's JVMs take seconds to start on 2 cores. */
const WARM_UP_TIMEOUT_MS = 120_000;

/** The driver's first queries, run once with the runtime's Python against `remote` (sc://...). */
export class WarmUp {
  /** True once they ran, or failed: a failed warm-up leaves the driver ready without it. */
  done = false;

  constructor(
    private readonly python: string,
    private readonly remote: string,
    private readonly log: Logger,
  ) {}

  async run(): Promise<void> {
    const started = performance.now();
    // Only what pyspark needs: the warm-up gets none of the runtime's credentials.
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      SPARK_REMOTE: this.remote,
    };
    try {
      await run(this.python, ['-c', script(WARM_UP_QUERIES)], { env, timeout: WARM_UP_TIMEOUT_MS });
      this.log.info(
        { ms: Math.round(performance.now() - started) },
        'Warmed up the Spark driver and executors',
      );
    } catch (error) {
      this.log.warn({ err: error }, 'The warm-up queries failed; the driver is ready without them');
    }
    this.done = true;
  }
}
