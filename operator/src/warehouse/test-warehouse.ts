import type { WarehouseResource } from '@brickyard/common/crd';
import { API_VERSION } from '@brickyard/common/vocabulary';

/** Fixtures for unit tests of the pure warehouse logic. */

export const WAREHOUSE_ID = '0123456789abcdef';

export function testWarehouse(overrides: {
  spec?: Partial<WarehouseResource['spec']>;
  status?: WarehouseResource['status'];
  generation?: number;
}): WarehouseResource {
  return {
    apiVersion: API_VERSION,
    kind: 'Warehouse',
    metadata: {
      name: WAREHOUSE_ID,
      namespace: 'brickyard-ws-1234',
      uid: 'warehouse-uid',
      generation: overrides.generation ?? 1,
    },
    spec: {
      name: 'bi',
      clusterSize: 'Small',
      minNumClusters: 1,
      maxNumClusters: 1,
      autoStopMins: 120,
      enablePhoton: true,
      enableServerlessCompute: false,
      warehouseType: 'PRO',
      creatorName: 'ada@example.com',
      desiredState: 'RUNNING',
      startGeneration: 0,
      ...overrides.spec,
    },
    ...(overrides.status ? { status: overrides.status } : {}),
  };
}
