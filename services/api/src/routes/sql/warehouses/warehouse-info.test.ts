import type { WarehouseResource } from '@brickyard/common/crd';
import { describe, expect, it } from 'vitest';
import { toWarehouseInfo } from './warehouse-info.js';

const resource: WarehouseResource = {
  apiVersion: 'brickyard.dev/v1alpha1',
  kind: 'Warehouse',
  metadata: { name: '0123456789abcdef' },
  spec: {
    name: 'bi',
    clusterSize: 'Small',
    autoStopMins: 30,
    tags: { customTags: [{ key: 'team', value: 'bi' }] },
    creatorName: 'ada@example.com',
    desiredState: 'RUNNING',
    startGeneration: 3,
  },
  status: {
    state: 'RUNNING',
    numClusters: 1,
    health: { status: 'HEALTHY', summary: 'ok' },
    observedGeneration: 1,
  },
};

describe('toWarehouseInfo', () => {
  const info = toWarehouseInfo(resource, { hostname: '127.0.0.1', port: 18080, protocol: 'http' });

  it("answers the definition and the operator's status in the API's names, without the API's controls", () => {
    expect(info).toMatchObject({
      id: '0123456789abcdef',
      name: 'bi',
      cluster_size: 'Small',
      auto_stop_mins: 30,
      tags: { custom_tags: [{ key: 'team', value: 'bi' }] },
      creator_name: 'ada@example.com',
      state: 'RUNNING',
      num_clusters: 1,
      num_active_sessions: 0,
      health: { status: 'HEALTHY', summary: 'ok' },
    });
    expect(info).not.toHaveProperty('desired_state');
    expect(info).not.toHaveProperty('start_generation');
  });

  it("points the SQL connectors at the API's own host, under the warehouse's HTTP path", () => {
    expect(info.odbc_params).toEqual({
      hostname: '127.0.0.1',
      port: 18080,
      protocol: 'http',
      path: '/sql/1.0/warehouses/0123456789abcdef',
    });
    expect(info.jdbc_url).toBe(
      'jdbc:databricks://127.0.0.1:18080/default;transportMode=http;ssl=0;AuthMech=3;httpPath=/sql/1.0/warehouses/0123456789abcdef;',
    );
  });

  it('is STARTING, healthy and without clusters before the operator reports', () => {
    const { status: _status, ...fresh } = resource;
    expect(toWarehouseInfo(fresh, { hostname: 'h', port: 443, protocol: 'https' })).toMatchObject({
      state: 'STARTING',
      num_clusters: 0,
      health: { status: 'HEALTHY' },
    });
  });
});
