import type { CustomObjectsApi, KubernetesObject } from '@kubernetes/client-node';
import { jsonEqual } from './json-equal.js';

/** Whether writing `computed` would change the observed status (a deep comparison as stored JSON). */
export function statusChanged(observed: unknown, computed: unknown): boolean {
  return !jsonEqual(observed ?? {}, computed ?? {});
}

export interface CustomResourceType {
  group: string;
  version: string;
  plural: string;
}

/**
 * Writes a custom resource's status through the /status subresource, and only when it changed,
 * so a steady state costs no writes and does not retrigger watches. The write is a replace
 * carrying the observed resourceVersion: if the object moved on meanwhile the apiserver answers
 * 409 and the reconcile runs again on the newer object instead of overwriting it.
 */
export class StatusWriter<S, T extends KubernetesObject & { status?: S }> {
  constructor(
    private readonly api: CustomObjectsApi,
    private readonly type: CustomResourceType,
  ) {}

  /** The object as stored after the write, or undefined when nothing needed writing. */
  async write(object: T, status: S): Promise<T | undefined> {
    if (!statusChanged(object.status, status)) return undefined;
    const name = object.metadata?.name ?? '';
    const namespace = object.metadata?.namespace;
    const body = { ...object, status };
    const written: T = namespace
      ? await this.api.replaceNamespacedCustomObjectStatus({ ...this.type, namespace, name, body })
      : await this.api.replaceClusterCustomObjectStatus({ ...this.type, name, body });
    return written;
  }
}
