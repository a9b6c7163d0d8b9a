import { CLUSTER_SIZES } from '@brickyard/common/schema';
import { describe, expect, it } from 'vitest';
import { appliedStartGeneration, desiredCluster } from './desired.js';
import type { WarehouseSettings } from './settings.js';
import { WAREHOUSE_SIZES } from './sizes.js';
import { testWarehouse, WAREHOUSE_ID } from './test-warehouse.js';

const settings: WarehouseSettings = { sparkVersion: '19.3.x-no-spark-scala2.13', deletedRetentionMs: 1_000 };
const clusterId = `warehouse-${WAREHOUSE_ID}`;

describe("a warehouse's Cluster", () => {
  const made = desiredCluster({
    warehouse: testWarehouse({}),
    current: undefined,
    workspaceId: 1234,
    settings,
  });

  it("runs the size's workers, stopping after the warehouse's idle minutes, billed as SQL", () => {
    expect(made.metadata).toMatchObject({
      name: clusterId,
      namespace: 'brickyard-ws-1234',
      labels: {
        'brickyard.dev/workspace-id': '1234',
        'brickyard.dev/cluster-id': clusterId,
        'brickyard.dev/warehouse-id': WAREHOUSE_ID,
      },
      annotations: {
        'brickyard.dev/sql-workload': 'SQL_PRO',
        'brickyard.dev/sql-dbus-per-hour': '12',
        'brickyard.dev/warehouse-start-generation': '0',
      },
      ownerReferences: [
        {
          apiVersion: 'brickyard.dev/v1alpha1',
          kind: 'Warehouse',
          name: WAREHOUSE_ID,
          uid: 'warehouse-uid',
          controller: true,
        },
      ],
    });
    expect(made.spec).toEqual({
      clusterName: 'bi',
      sparkVersion: '19.3.x-no-spark-scala2.13',
      nodeTypeId: 'm5d.large',
      driverNodeTypeId: 'm5d.large',
      numWorkers: 2,
      autoterminationMinutes: 120,
      runtimeEngine: 'PHOTON',
      desiredState: 'RUNNING',
      restartGeneration: 0,
      clusterSource: 'SQL',
      creatorUserName: 'ada@example.com',
    });
  });

  it('is made terminated for a warehouse stopped before it had one', () => {
    const stopped = testWarehouse({ spec: { desiredState: 'STOPPED' } });
    expect(
      desiredCluster({ warehouse: stopped, current: undefined, workspaceId: 1234, settings }).spec
        .desiredState,
    ).toBe('TERMINATED');
  });

  it('carries the custom tags, and follows an edit without a restart', () => {
    const edited = testWarehouse({
      spec: { clusterSize: 'Large', autoStopMins: 0, tags: { customTags: [{ key: 'team', value: 'bi' }] } },
    });
    const cluster = desiredCluster({ warehouse: edited, current: made, workspaceId: 1234, settings });
    expect(cluster.spec).toMatchObject({
      numWorkers: 3,
      autoterminationMinutes: 0,
      customTags: { team: 'bi' },
      restartGeneration: 0,
    });
    expect(cluster.metadata.annotations?.['brickyard.dev/sql-dbus-per-hour']).toBe('40');
  });

  it('is started once per start of the warehouse, and keeps a restart generation raised elsewhere', () => {
    const started = testWarehouse({ spec: { startGeneration: 1 } });
    const once = desiredCluster({ warehouse: started, current: made, workspaceId: 1234, settings });
    expect(once.spec.restartGeneration).toBe(1);
    expect(appliedStartGeneration(once)).toBe(1);
    const again = desiredCluster({ warehouse: started, current: once, workspaceId: 1234, settings });
    expect(again.spec.restartGeneration).toBe(1);
    const attached = { ...once, spec: { ...once.spec, restartGeneration: 5 } };
    expect(
      desiredCluster({ warehouse: started, current: attached, workspaceId: 1234, settings }).spec
        .restartGeneration,
    ).toBe(5);
  });

  it('is terminated, not restarted, for a stopped warehouse', () => {
    const stopped = testWarehouse({ spec: { desiredState: 'STOPPED', startGeneration: 1 } });
    const cluster = desiredCluster({ warehouse: stopped, current: made, workspaceId: 1234, settings });
    expect(cluster.spec).toMatchObject({ desiredState: 'TERMINATED', restartGeneration: 0 });
  });
});

describe('the sizes', () => {
  it('grow in workers and DBUs with the size, for every size the API accepts', () => {
    const sizes = CLUSTER_SIZES.map((size) => WAREHOUSE_SIZES[size]);
    for (const [smaller, larger] of sizes.slice(0, -1).map((size, i) => [size, sizes[i + 1]] as const)) {
      expect(larger?.workers).toBeGreaterThanOrEqual(smaller.workers);
      expect(larger?.dbusPerHour).toBeGreaterThan(smaller.dbusPerHour);
    }
    expect(WAREHOUSE_SIZES['2X-Small']).toEqual({ workers: 1, dbusPerHour: 4 });
    expect(WAREHOUSE_SIZES['4X-Large'].dbusPerHour).toBe(528);
  });
});
