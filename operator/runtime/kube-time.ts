/**
 * A Kubernetes timestamp (Time or MicroTime) in epoch ms. Typed as Date by client-node, these are
 * strings at run time wherever the client does not deserialise (custom resources, watch events,
 * MicroTime fields), so both forms are read.
 */
export function timeMs(value: Date | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
