/**
 * How a cluster tells a pod of an instance pool that it adopted it. The pod's labels and slot
 * annotation (written by the operator) are the record; this is the delivery: the operator writes
 * the pod's assignment to Redis and the pod's runtime, waiting in standby, reads it. A kubelet
 * refreshes downwardAPI files only on its sync period (a minute), too late for a cluster's start.
 */

/** What a pool pod's runtime needs to become a cluster's pod: the env a cold pod of its slot has. */
export interface PoolAssignment {
  env: Record<string, string>;
}

/** Where a pool pod's assignment waits, by the pod's uid (its name may come back for another pod). */
export function poolAssignmentKey(podUid: string): string {
  return `brickyard:pool-pod:${podUid}:assignment`;
}

/** Long enough for any runtime to read it; the key must not outlive pods that never do. */
export const POOL_ASSIGNMENT_TTL_SECONDS = 24 * 3600;

/** The environment variable that gives a pool pod's runtime its uid, and puts it in standby. */
export const POOL_POD_UID_VARIABLE = 'BRICKYARD_POOL_POD_UID';

/** The assignment a runtime read, or undefined when the text is not one. */
export function parsePoolAssignment(text: string): PoolAssignment | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const env = (parsed as { env?: unknown } | null)?.env;
  if (typeof env !== 'object' || env === null || Array.isArray(env)) return undefined;
  const entries = Object.entries(env);
  if (!entries.every(([, value]) => typeof value === 'string')) return undefined;
  return { env: Object.fromEntries(entries) as Record<string, string> };
}
