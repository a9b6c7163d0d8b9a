import { clusterDemandKey } from '@brickyard/common/vocabulary';
import { warehouseClusterId } from '@brickyard/common/warehouse-spec';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** A demand hash outlives its last touch by this long; autotermination then reads status instead. */
const TOUCH_TTL_MS = 24 * 3_600_000;

/**
 * Marks SQL warehouses active, so that auto_stop_mins counts from their last statement. A
 * warehouse stops as its Cluster auto-terminates, and the cluster controller counts any change of
 * the cluster's demand hash (clusterDemandKey, `updated_at`) as activity at that time
 * (operator/src/cluster/autotermination.ts): marking touches `updated_at` there. Best effort and
 * fast-failing: a statement never waits on Redis for it.
 */
export class WarehouseActivity {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    this.redis.on('error', (error: unknown) =>
      this.log.debug({ err: error }, 'Warehouse activity Redis error'),
    );
  }

  /** Records activity on the warehouse now (a statement submitted, running or fetched). */
  async markActive(warehouseId: string): Promise<void> {
    const key = clusterDemandKey(warehouseClusterId(warehouseId));
    try {
      await this.redis.multi().hset(key, 'updated_at', String(Date.now())).pexpire(key, TOUCH_TTL_MS).exec();
    } catch (error) {
      this.log.warn({ err: error, warehouseId }, 'Failed to mark warehouse active');
    }
  }

  close(): void {
    this.redis.disconnect();
  }
}
