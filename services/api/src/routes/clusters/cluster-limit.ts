import { resourceLimitExceeded } from '../../errors/databricks-error.js';

/**
 * A workspace's `max_clusters` (and a policy's `max_clusters_per_user`), checked by the API at create: the clusters in the cache plus the
 * creates this process has in flight, so concurrent creates cannot all pass the check before any
 * of them lands in the cache. (An object-count ResourceQuota did this in the apiserver, but it
 * serialised every create of a namespace behind one quota status update.) With several API
 * replicas, each counts its own creates in flight: a burst may pass the limit by at most the
 * creates the other replicas have in flight.
 */
export class ClusterLimit {
  private readonly inFlight = new Map<string, number>();

  /**
   * Runs `create` unless the clusters counted under `key` (a namespace, or a policy's user within
   * it) reach `limit`; `refusal` says which limit when they do.
   */
  async create<T>(
    key: string,
    limit: number | undefined,
    existing: () => number,
    create: () => Promise<T>,
    refusal = `The workspace allows at most ${limit} clusters`,
  ): Promise<T> {
    const pending = this.inFlight.get(key) ?? 0;
    if (limit !== undefined && existing() + pending >= limit) throw resourceLimitExceeded(refusal);
    this.inFlight.set(key, pending + 1);
    try {
      return await create();
    } finally {
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left === 0) this.inFlight.delete(key);
      else this.inFlight.set(key, left);
    }
  }
}
