import { WORKER_WEB_UI_PORT } from './daemon-commands.js';

/** A Worker's own web UI: `/json/` says what it lends to executors now (`coresused`, `executors`). */
export function workerStatusUrl(podIp: string): string {
  return `http://${podIp}:${WORKER_WEB_UI_PORT}/json/`;
}

/** The cores the Worker's executors hold, from its /json/; undefined for an answer without them. */
export function coresInUse(status: unknown): number | undefined {
  const used = (status as { coresused?: unknown } | null)?.coresused;
  return typeof used === 'number' ? used : undefined;
}
