import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** A log file of the pod and where it goes below `<destination>/<cluster-id>/`. */
export interface LogFile {
  localPath: string;
  /** 'driver/stderr', 'executor/app-20261203070000-0000/0/stdout', ... */
  deliveredAs: string;
}

/** The streams an executor writes in its directory of the Worker's work dir. */
const EXECUTOR_STREAMS = ['stdout', 'stderr'];

/** The driver's output, as the runtime writes it to files beside the pod's log. */
export function driverLogFiles(logDir: string): LogFile[] {
  return ['stdout', 'stderr'].map((stream) => ({
    localPath: join(logDir, stream),
    deliveredAs: `driver/${stream}`,
  }));
}

async function subdirectories(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

/**
 * The executors' output on a worker pod: the Worker's work dir holds `<app-id>/<executor-id>/`
 * with stdout and stderr, which Databricks delivers under `executor/<app-id>/<executor-id>/`.
 */
export async function executorLogFiles(workDir: string): Promise<LogFile[]> {
  const files: LogFile[] = [];
  for (const app of await subdirectories(workDir)) {
    for (const executor of await subdirectories(join(workDir, app))) {
      for (const stream of EXECUTOR_STREAMS) {
        files.push({
          localPath: join(workDir, app, executor, stream),
          deliveredAs: `executor/${app}/${executor}/${stream}`,
        });
      }
    }
  }
  return files;
}
