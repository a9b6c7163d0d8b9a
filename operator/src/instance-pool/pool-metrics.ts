import { Gauge, type Registry } from 'prom-client';
import type { PoolPlan } from './pool-plan.js';

type PoolStats = PoolPlan['stats'];

/** The stats' fields as the `state` label: the Instance Pools API's names for them. */
const STATES: Record<keyof PoolStats, string> = {
  idleCount: 'idle',
  pendingIdleCount: 'pending_idle',
  usedCount: 'used',
  pendingUsedCount: 'pending_used',
};

/**
 * Instance pools as Prometheus sees them: brickyard_operator_instance_pool_instances by pool and
 * state, computed at scrape time from each pool's last reconcile (a standby operator reports none).
 */
export class PoolMetrics {
  private readonly observed = new Map<string, { workspaceId: string; poolId: string; stats: PoolStats }>();

  constructor(registry: Registry) {
    const observed = this.observed;
    new Gauge({
      name: 'brickyard_operator_instance_pool_instances',
      help: "Instances of each instance pool by state (the pool's stats: idle, pending_idle, used, pending_used)",
      labelNames: ['workspace_id', 'instance_pool_id', 'state'],
      registers: [registry],
      collect() {
        this.reset();
        for (const { workspaceId, poolId, stats } of observed.values()) {
          for (const [field, state] of Object.entries(STATES) as [keyof PoolStats, string][]) {
            this.set({ workspace_id: workspaceId, instance_pool_id: poolId, state }, stats[field]);
          }
        }
      },
    });
  }

  observe(key: string, workspaceId: string, poolId: string, stats: PoolStats): void {
    this.observed.set(key, { workspaceId, poolId, stats });
  }

  forget(key: string): void {
    this.observed.delete(key);
  }

  clear(): void {
    this.observed.clear();
  }
}
