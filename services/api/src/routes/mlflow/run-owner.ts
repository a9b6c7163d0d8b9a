import type { Readable } from 'node:stream';
import { invalidParameter } from '../../errors/databricks-error.js';

/** The MLflow call that creates a run, whichever API prefix it came under. */
export function createsRun(method: string, path: string): boolean {
  return method === 'POST' && /\/mlflow\/runs\/create$/.test(path.split('?')[0] ?? '');
}

const USER_TAG = 'mlflow.user';
/** A run's create request is small. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A runs/create body with the run made by `userName`, as Databricks records the caller who
 * creates a run rather than what the client says (MLflow's client sends the local OS user, `root`
 * on a cluster): its `user_id` and its `mlflow.user` tag. A body that is not a JSON object is
 * left as it is, for MLflow to answer.
 */
export function ownedRunBody(text: string, userName: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return text;
  const request = body as { user_id?: unknown; tags?: unknown };
  const tags = Array.isArray(request.tags)
    ? request.tags.filter((tag) => (tag as { key?: unknown } | null)?.key !== USER_TAG)
    : [];
  return JSON.stringify({
    ...request,
    user_id: userName,
    tags: [...tags, { key: USER_TAG, value: userName }],
  });
}

/** A runs/create request's raw body; refused beyond MAX_BODY_BYTES. */
export async function readRunCreateBody(payload: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw invalidParameter('A runs/create request body may be at most 1 MiB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
