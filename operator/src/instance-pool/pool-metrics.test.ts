import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { PoolMetrics } from './pool-metrics.js';

describe('PoolMetrics', () => {
  it("reports each observed pool's instances by state, and none once forgotten", async () => {
    const registry = new Registry();
    const metrics = new PoolMetrics(registry);
    metrics.observe('ns/p1', '42', 'p1', {
      idleCount: 2,
      pendingIdleCount: 1,
      usedCount: 3,
      pendingUsedCount: 0,
    });
    const text = await registry.metrics();
    expect(text).toContain(
      'brickyard_operator_instance_pool_instances{workspace_id="42",instance_pool_id="p1",state="idle"} 2',
    );
    expect(text).toContain(
      'brickyard_operator_instance_pool_instances{workspace_id="42",instance_pool_id="p1",state="used"} 3',
    );
    expect(text).toContain('state="pending_idle"} 1');
    metrics.forget('ns/p1');
    expect(await registry.metrics()).not.toContain('instance_pool_id="p1"');
  });
});
