import { DriverPorts } from '@brickyard/common/driver-ports';

/**
 * Whether a Worker is registered with its master, as the master's web UI says in /json/:
 * `{ workers: [{ host, port, state: 'ALIVE' | 'DEAD' | ..., cores, memory, ... }] }`.
 */

/** The master's /json/ for a master URL (`spark://<host>:7077`). */
export function masterStatusUrl(masterUrl: string): string {
  const host = new URL(masterUrl.replace(/^spark:/, 'http:')).hostname;
  return `http://${host}:${DriverPorts.masterUi}/json/`;
}

/** True when the status lists an ALIVE worker on `host` (each pod has an address of its own). */
export function isWorkerAlive(status: unknown, host: string): boolean {
  if (typeof status !== 'object' || status === null) return false;
  const workers = (status as { workers?: unknown }).workers;
  if (!Array.isArray(workers)) return false;
  return workers.some((worker: unknown) => {
    const { host: workerHost, state } = (worker ?? {}) as { host?: unknown; state?: unknown };
    return workerHost === host && state === 'ALIVE';
  });
}

/** Asks the master; rejects when it does not answer or the worker is not (yet) ALIVE there. */
export async function checkWorkerRegistered(
  masterUrl: string,
  host: string,
  timeoutMs: number,
): Promise<void> {
  const response = await fetch(masterStatusUrl(masterUrl), { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`the master answered ${response.status}`);
  if (!isWorkerAlive(await response.json(), host)) throw new Error('not registered with the master yet');
}
