import { kubeTime } from '@brickyard/common/kube';
import type { PodStatusBody } from './pod-status.js';

/** The top-level pod status fields the agent writes (and so compares). */
export const OWNED_STATUS_FIELDS = [
  'phase',
  'conditions',
  'containerStatuses',
  'initContainerStatuses',
  'podIP',
  'podIPs',
  'hostIP',
  'hostIPs',
  'startTime',
  'qosClass',
] as const;

/**
 * A stable JSON text of a status value for comparisons: keys sorted, Dates as metav1.Time
 * strings, and null, undefined, empty objects and empty arrays left out (the apiserver omits
 * empty fields, so `lastState: {}` written comes back absent or empty).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value)) ?? 'null';
}

function normalize(value: unknown): unknown {
  if (value instanceof Date) return kubeTime(value.getTime());
  if (Array.isArray(value)) {
    const items = value.map(normalize).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => [key, normalize((value as Record<string, unknown>)[key])] as const)
      .filter(([, item]) => item !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value ?? undefined;
}

/** The owned fields of a pod status (as observed, in either Date or string form). */
export function ownedStatus(status: unknown): Record<string, unknown> {
  const source = (status ?? {}) as Record<string, unknown>;
  return Object.fromEntries(OWNED_STATUS_FIELDS.map((field) => [field, source[field]]));
}

/**
 * Decides whether a computed status must be written. It must when it differs from what the pod
 * shows; but if it is what the agent wrote last and the pod still shows what that write returned,
 * the difference is only in how the apiserver renders it, and writing again would loop.
 */
export class StatusWriteGate {
  private lastWritten: string | undefined;
  private lastReturned: string | undefined;

  needsWrite(computed: PodStatusBody, observed: unknown): boolean {
    const wanted = canonicalJson(ownedStatus(computed));
    const shown = canonicalJson(ownedStatus(observed));
    if (wanted === shown) return false;
    return !(wanted === this.lastWritten && shown === this.lastReturned);
  }

  /** Records a successful write and the status the apiserver answered with. */
  wrote(computed: PodStatusBody, returned: unknown): void {
    this.lastWritten = canonicalJson(ownedStatus(computed));
    this.lastReturned = canonicalJson(ownedStatus(returned));
  }
}
