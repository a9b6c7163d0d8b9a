import { toSnakeCase, type WarehouseResource } from '@brickyard/common/crd';
import { StringEnum, WAREHOUSE_STATES, WarehouseSpec, WarehouseStatus } from '@brickyard/common/schema';
import { reportedWarehouseState } from '@brickyard/common/warehouse-spec';
import { type Static, Type } from 'typebox';

/** Where clients reach the API, as they addressed it: the SQL connectors' server. */
export interface SqlEndpoint {
  hostname: string;
  port: number;
  protocol: 'http' | 'https';
}

const { desired_state, start_generation, ...definition } = WarehouseSpec.properties;
const { health } = WarehouseStatus.properties;

/** EndpointInfo, as warehouses/get and warehouses/list return it. */
export const WarehouseInfo = Type.Object({
  id: Type.String(),
  ...definition,
  state: StringEnum(WAREHOUSE_STATES),
  health,
  num_clusters: Type.Integer({ minimum: 0 }),
  num_active_sessions: Type.Integer({ minimum: 0 }),
  jdbc_url: Type.String(),
  odbc_params: Type.Object({
    hostname: Type.String(),
    path: Type.String(),
    protocol: Type.String(),
    port: Type.Integer(),
  }),
});
type WarehouseInfo = Static<typeof WarehouseInfo>;

/** The HTTP path the SQL connectors (ODBC, JDBC, databricks-sql-connector) use for a warehouse. */
function warehouseHttpPath(warehouseId: string): string {
  return `/sql/1.0/warehouses/${warehouseId}`;
}

export function toWarehouseInfo(resource: WarehouseResource, endpoint: SqlEndpoint): WarehouseInfo {
  const id = resource.metadata.name ?? '';
  const {
    desired_state: _state,
    start_generation: _start,
    ...spec
  } = toSnakeCase(resource.spec, WarehouseSpec);
  const status = resource.status ? toSnakeCase(resource.status, WarehouseStatus) : {};
  const path = warehouseHttpPath(id);
  const { hostname, port, protocol } = endpoint;
  const ssl = protocol === 'https' ? 1 : 0;
  return {
    id,
    ...spec,
    // What the operator published (STARTING before it has): never a prediction.
    state: reportedWarehouseState(resource),
    health: status.health ?? {
      status: 'HEALTHY',
      summary: 'Waiting for the operator to start the warehouse',
    },
    num_clusters: status.num_clusters ?? 0,
    num_active_sessions: 0,
    jdbc_url: `jdbc:databricks://${hostname}:${port}/default;transportMode=http;ssl=${ssl};AuthMech=3;httpPath=${path};`,
    odbc_params: { hostname, path, protocol, port },
  };
}
