import type { CustomObjectsApi, KubernetesObject } from '@kubernetes/client-node';
import { mergePatch } from './patch.js';
import type { CustomResourceType } from './status-writer.js';

/**
 * One finalizer of a custom resource type: a controller adds it before it makes anything for an
 * object, and removes it once the object's teardown is done. Each change is a merge patch of
 * metadata.finalizers carrying the resourceVersion read, so that a concurrent change (another
 * finalizer added or removed) fails with 409 (isConflict) and the reconcile runs again on the
 * newer object, instead of overwriting the list.
 */
export class Finalizer<T extends KubernetesObject> {
  constructor(
    private readonly api: CustomObjectsApi,
    private readonly type: CustomResourceType,
    readonly name: string,
  ) {}

  isOn(object: T): boolean {
    return (object.metadata?.finalizers ?? []).includes(this.name);
  }

  /** The object as stored with the finalizer, or undefined when it had it already (no write). */
  async add(object: T): Promise<T | undefined> {
    if (this.isOn(object)) return undefined;
    return this.patch(object, [...(object.metadata?.finalizers ?? []), this.name]);
  }

  /** The object as stored without the finalizer, or undefined when it did not have it (no write). */
  async remove(object: T): Promise<T | undefined> {
    if (!this.isOn(object)) return undefined;
    return this.patch(
      object,
      (object.metadata?.finalizers ?? []).filter((name) => name !== this.name),
    );
  }

  private async patch(object: T, finalizers: string[]): Promise<T> {
    const name = object.metadata?.name ?? '';
    const namespace = object.metadata?.namespace;
    const body = { metadata: { finalizers, resourceVersion: object.metadata?.resourceVersion } };
    const patched: T = namespace
      ? await this.api.patchNamespacedCustomObject({ ...this.type, namespace, name, body }, mergePatch)
      : await this.api.patchClusterCustomObject({ ...this.type, name, body }, mergePatch);
    return patched;
  }
}
