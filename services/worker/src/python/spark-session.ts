import type { TaskLogs } from '../logs/task-logs.js';
import { runChild } from './child-process.js';

/**
 * Each task run has its own Spark Connect session on the cluster's shared Spark driver (its own
 * temp views and SQL conf). The executor picks the session id, so it can end the session from
 * outside when the run's Python process cannot (canceled, timed out, died).
 */

/** How long interrupting and releasing a session may take before the runtime gives up on it. */
const RELEASE_TIMEOUT_MS = 15_000;

/**
 * The Spark Connect URL of one session: `remote` (sc://host:port, with or without parameters)
 * with its session_id parameter set to `sessionId` (a UUID v4).
 */
export function sessionRemote(remote: string, sessionId: string): string {
  const match = /^(sc:\/\/[^/;]+)\/?(?:;(.*))?$/.exec(remote.trim());
  if (!match) throw new Error(`not a Spark Connect URL (sc://host:port): ${remote}`);
  const parameters = (match[2] ?? '')
    .split(';')
    .filter((parameter) => parameter !== '' && !parameter.startsWith('session_id='));
  return `${match[1]}/;${[...parameters, `session_id=${sessionId}`].join(';')}`;
}

/**
 * Interrupts what the session runs and releases it (python3 -m brickyard.spark_release), so that
 * a stopped run leaves nothing running on the shared driver. Its output goes to the task's logs.
 */
export async function releaseSparkSession(
  python: string,
  environment: NodeJS.ProcessEnv,
  cwd: string,
  logs: TaskLogs,
): Promise<void> {
  const exit = await runChild(python, ['-m', 'brickyard.spark_release'], {
    cwd,
    env: environment,
    logs,
    signal: AbortSignal.timeout(RELEASE_TIMEOUT_MS),
    killGraceMs: 1_000,
  });
  if (exit.aborted || exit.code !== 0) {
    logs.line('The Spark session of the run could not be released; its queries may still run.', 'stderr');
  }
}
