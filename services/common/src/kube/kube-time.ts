/**
 * A metav1.Time string: RFC 3339 in UTC with whole seconds, the form the apiserver stores and
 * returns. Writing exactly this form keeps "status changed?" comparisons stable.
 */
export function kubeTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * A Kubernetes timestamp (Time or MicroTime) in epoch ms. Typed as Date by client-node, these are
 * strings at run time wherever the client does not deserialise (custom resources, watch events,
 * MicroTime fields), so both forms are read; anything else is absent.
 */
export function timeMs(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A Kubernetes timestamp in either form, as a metav1.Time string (undefined if absent). */
export function asKubeTime(value: unknown): string | undefined {
  const ms = timeMs(value);
  return ms === undefined ? undefined : kubeTime(ms);
}
