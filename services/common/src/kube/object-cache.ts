import type { KubernetesObject } from '@kubernetes/client-node';

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(object: KubernetesObject): string {
  const { namespace, name } = object.metadata ?? {};
  return namespace ? `${namespace}/${name}` : `${name}`;
}

/**
 * resourceVersions are opaque by contract, but etcd-backed apiservers hand out increasing integers;
 * ordering by them lets the cache accept whichever of "our own write" and "the watch event" is newer.
 */
function isNewer(candidate: KubernetesObject, current: KubernetesObject | undefined): boolean {
  if (!current) return true;
  const next = candidate.metadata?.resourceVersion;
  const known = current.metadata?.resourceVersion;
  if (!next || !known) return true;
  return BigInt(next) >= BigInt(known);
}

/**
 * An in-memory copy of a set of objects, fed by an informer (which also reports, as deletes, what a
 * relist no longer shows) and by the writer's own responses, so that a read right after a write
 * sees it (read-your-writes) however late the watch event arrives.
 */
export class ObjectCache<T extends KubernetesObject> {
  private readonly objects = new Map<string, T>();
  /** resourceVersion at which a key was deleted, so a late watch event cannot bring it back. */
  private readonly deletedAt = new Map<string, bigint>();

  upsert(object: T): void {
    const key = objectKey(object);
    const deleted = this.deletedAt.get(key);
    const version = object.metadata?.resourceVersion;
    if (deleted !== undefined && version && BigInt(version) <= deleted) return;
    if (isNewer(object, this.objects.get(key))) this.objects.set(key, object);
  }

  delete(object: KubernetesObject): void {
    const key = objectKey(object);
    const version = object.metadata?.resourceVersion;
    const current = this.objects.get(key);
    if (current && version && !isNewer(object, current)) return;
    this.objects.delete(key);
    if (version) this.deletedAt.set(key, BigInt(version));
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.objects.get(namespace ? `${namespace}/${name}` : name);
  }

  list(namespace?: string): T[] {
    const all = [...this.objects.values()];
    return namespace === undefined ? all : all.filter((object) => object.metadata?.namespace === namespace);
  }

  get size(): number {
    return this.objects.size;
  }
}
