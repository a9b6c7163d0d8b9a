import type { V1Container, V1PodSpec } from '@kubernetes/client-node';
import { parseQuantity } from './quantity.js';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const COMPUTE = ['cpu', 'memory'] as const;

/**
 * The pod's QoS class by the Kubernetes rules: BestEffort without any cpu or memory request or
 * limit, Guaranteed when every container limits cpu and memory and requests exactly that (an
 * unset request defaults to the limit), Burstable otherwise.
 */
export function qosClass(spec: Pick<V1PodSpec, 'containers' | 'initContainers'>): QosClass {
  const containers: V1Container[] = [...(spec.initContainers ?? []), ...spec.containers];
  let any = false;
  let guaranteed = true;
  for (const container of containers) {
    const requests = container.resources?.requests ?? {};
    const limits = container.resources?.limits ?? {};
    for (const resource of COMPUTE) {
      const request = requests[resource];
      const limit = limits[resource];
      if (isPositive(request) || isPositive(limit)) any = true;
      if (limit === undefined) {
        guaranteed = false;
        continue;
      }
      if (request !== undefined && parseQuantity(request) !== parseQuantity(limit)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function isPositive(value: string | undefined): boolean {
  return value !== undefined && (parseQuantity(value) ?? 0) > 0;
}
