import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../../..');

/** The Spark runtime `make up` installed: $BRICKYARD_SPARK_RUNTIME, or where versions.sh puts it. */
export function sparkRuntimeDir(): string {
  return (
    process.env.BRICKYARD_SPARK_RUNTIME ||
    execFileSync('bash', ['-c', 'source deploy/local/versions.sh && echo "$SPARK_RUNTIME_HOME"'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim()
  );
}
