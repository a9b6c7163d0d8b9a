import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { sourceEntry } from '../../test/integration/support/source-entry.js';

export interface ServerProcess {
  /** What the server printed on its first line: the ports it listens on. */
  ports: string[];
  pid: number;
  stop: () => void;
}

/** A server of the benchmarks as its own process, run from the sources, once it listens. */
export async function startServer(entry: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, sourceEntry(entry), { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  return { ports: chunk.toString().trim().split(' '), pid: child.pid as number, stop: () => child.kill() };
}
