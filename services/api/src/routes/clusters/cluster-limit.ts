import { resourceLimitExceeded } from '../../errors/databricks-error.js';

/**
 * A workspace's `max_clusters`, checked by the API at create: the clusters in the cache plus the
 * creates this process has in flight, so concurrent creates cannot all pass the check before any
 * of them lands in the cache. (An object-count ResourceQuota did this in the apiserver, but it
 * serialised every create of a namespace behind one quota status update.) With several API
 * replicas, each counts its own creates in flight: a burst may pass the limit by at most the
 * creates the other replicas have in flight.
 */
export class ClusterLimit {
  private readonly inFlight = new Map<string, number>();

  async create<T>(
    namespace: string,
    limit: number | undefined,
    existing: () => number,
    create: () => Promise<T>,
  ): Promise<T> {
    const pending = this.inFlight.get(namespace) ?? 0;
    if (limit !== undefined && existing() + pending >= limit) {
      throw resourceLimitExceeded(`The workspace allows at most ${limit} clusters`);
    }
    this.inFlight.set(namespace, pending + 1);
    try {
      return await create();
    } finally {
      const left = (this.inFlight.get(namespace) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(namespace);
      else this.inFlight.set(namespace, left);
    }
  }
}
