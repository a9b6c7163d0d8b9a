import type { V1Container, V1Pod } from '@kubernetes/client-node';
import { parseQuantity } from '../pods/quantity.js';

/** What fieldRef and resourceFieldRef read besides the pod itself. */
export interface DownwardContext {
  pod: V1Pod;
  podIP: string;
  hostIP: string;
  /** The node's allocatable cpu and memory: the value of a limit the container does not set. */
  allocatable: Readonly<Record<string, string>>;
}

const SUBSCRIPT = /^metadata\.(labels|annotations)\['([^']*)'\]$/;

/** The value of a fieldRef fieldPath, or undefined for a path the downward API does not offer. */
export function fieldValue(fieldPath: string, context: DownwardContext): string | undefined {
  const { pod, podIP, hostIP } = context;
  const metadata = pod.metadata ?? {};
  const subscript = SUBSCRIPT.exec(fieldPath);
  if (subscript) {
    const map = subscript[1] === 'labels' ? metadata.labels : metadata.annotations;
    return map?.[subscript[2] ?? ''] ?? '';
  }
  switch (fieldPath) {
    case 'metadata.name':
      return metadata.name ?? '';
    case 'metadata.namespace':
      return metadata.namespace ?? '';
    case 'metadata.uid':
      return metadata.uid ?? '';
    case 'metadata.labels':
      return formatMap(metadata.labels);
    case 'metadata.annotations':
      return formatMap(metadata.annotations);
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return podIP;
    case 'status.hostIP':
    case 'status.hostIPs':
      return hostIP;
    default:
      return undefined;
  }
}

/** `key="value"` lines, sorted by key, as the downward API renders a whole map. */
function formatMap(map: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((key) => `${key}=${JSON.stringify(map?.[key] ?? '')}`)
    .join('\n');
}

/**
 * requests.* and limits.* of the container, divided by the divisor and rounded up as the kubelet
 * does; an unset limit is the node's allocatable, an unset request is the limit or zero. Undefined
 * for a resource or divisor it cannot compute.
 */
export function resourceValue(
  resource: string,
  divisor: string | undefined,
  container: V1Container,
  allocatable: Readonly<Record<string, string>>,
): string | undefined {
  const [kind, resourceName = ''] = resource.split(/\.(.*)/s);
  if ((kind !== 'limits' && kind !== 'requests') || !resourceName) return undefined;
  const limits = container.resources?.limits ?? {};
  const requests = container.resources?.requests ?? {};
  const text =
    kind === 'limits'
      ? (limits[resourceName] ?? allocatable[resourceName])
      : (requests[resourceName] ?? limits[resourceName] ?? '0');
  const amount = parseQuantity(text ?? '0');
  const by = parseQuantity(divisor ?? '1');
  if (amount === undefined || by === undefined || by <= 0) return undefined;
  // Work in thousandths so "500m" / "1m" is exact before rounding up.
  return String(Math.ceil(Math.round(amount * 1000) / Math.round(by * 1000)));
}
