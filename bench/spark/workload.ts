import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** What bench/spark/workload.py prints last, by command (fields the benchmark reads). */
export interface WorkloadResult {
  session_ms: number;
  first_count_ms: number;
  rss_mb: number;
  total_ms: number;
  commits_per_second: number;
  versions: number;
  expected_versions: number;
  errors: string[];
}

const SCRIPT = fileURLToPath(new URL('./workload.py', import.meta.url));

/**
 * Runs a Python script with the Spark runtime's Python (the same pyspark the clusters run), and
 * answers the JSON object it prints on its last line.
 */
export async function runSparkScript<T>(script: string, args: readonly string[]): Promise<T> {
  const runtime = process.env.BRICKYARD_SPARK_RUNTIME;
  if (!runtime)
    throw new Error("BRICKYARD_SPARK_RUNTIME is not set: run 'make up' and 'source .brickyard/env'");
  const { stdout } = await promisify(execFile)(join(runtime, 'venv/bin/python3'), [script, ...args], {
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(last) as T;
}

/** Runs a command of workload.py. */
export function runWorkload(args: readonly string[]): Promise<WorkloadResult> {
  return runSparkScript<WorkloadResult>(SCRIPT, args);
}
