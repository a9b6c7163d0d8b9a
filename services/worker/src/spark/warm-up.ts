import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Logger } from 'pino';

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

/** Imports pyspark (seconds of a start) at once, then waits for a line on stdin to connect. */
function script(queries: readonly string[]): string {
  return [
    'import os, sys',
    'from pyspark.sql import SparkSession',
    'if not sys.stdin.readline(): sys.exit(0)',
    'spark = SparkSession.builder.remote(os.environ["SPARK_REMOTE"]).getOrCreate()',
    ...queries,
    'spark.stop()',
  ].join('\n');
}

/** The warm-up waits for an executor, and a worker pod's JVMs take seconds to start on 2 cores. */
const WARM_UP_TIMEOUT_MS = 120_000;

/**
 * The driver's first queries, run once with the runtime's Python against `remote` (sc://...).
 * Python starts, and imports pyspark, as soon as the warm-up is made, while the JVMs start; the
 * queries go when `run` is called, once the driver serves sessions.
 */
export class WarmUp {
  /** True once they ran, or failed: a failed warm-up leaves the driver ready without it. */
  done = false;
  private readonly child: ChildProcess;
  private readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
  private stderr = '';

  constructor(
    python: string,
    remote: string,
    private readonly log: Logger,
  ) {
    // Only what pyspark needs: the warm-up gets none of the runtime's credentials.
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      SPARK_REMOTE: remote,
    };
    this.child = spawn(python, ['-c', script(WARM_UP_QUERIES)], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    this.exited = once(this.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    // A Python that cannot start is the same as failed queries: reported by run.
    this.child.on('error', () => undefined);
    this.child.stdin?.on('error', () => undefined);
  }

  async run(): Promise<void> {
    const started = performance.now();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), WARM_UP_TIMEOUT_MS);
    try {
      this.child.stdin?.end('go\n');
      const [code, signal] = await this.exited;
      if (code !== 0)
        throw new Error(`exit ${code ?? signal}: ${this.stderr.trim().split('\n').at(-1) ?? ''}`);
      this.log.info(
        { ms: Math.round(performance.now() - started) },
        'Warmed up the Spark driver and executors',
      );
    } catch (error) {
      this.log.warn({ err: error }, 'The warm-up queries failed; the driver is ready without them');
    } finally {
      clearTimeout(timer);
    }
    this.done = true;
  }

  /** Ends a warm-up that has not run (the driver stops first). */
  stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
