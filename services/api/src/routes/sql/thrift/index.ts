import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { malformedRequest } from '../../../errors/databricks-error.js';
import type { RouteOptions } from '../../../services.js';
import type { CallContext } from '../../../sql-endpoint/call-context.js';
import { unityCatalogView } from '../../../sql-endpoint/metastore-view.js';
import { clusterCompute, type SqlCompute, warehouseCompute } from '../../../sql-endpoint/sql-compute.js';
import { SqlEndpoint } from '../../../sql-endpoint/sql-endpoint.js';
import { tcliHandler } from '../../../sql-endpoint/tcli-handler.js';
import { exchange } from '../../../sql-endpoint/thrift-exchange.js';
import { sqlWarehouseEngines } from '../statements/sql-warehouse-engines.js';
import { connectorTelemetryRoutes } from './connector-telemetry.js';

const THRIFT = 'application/x-thrift';
/** The header the SQL connectors read the reason of a failed HTTP request from. */
const ERROR_HEADER = 'x-thriftserver-error-message';

const WarehouseParams = Type.Object({ warehouse_id: Type.String() });
const ClusterParams = Type.Object({ org_id: Type.String(), cluster_id: Type.String() });

/** A message as a header value: printable ASCII on one line. */
function headerText(message: string): string {
  return message.replace(/[^\x20-\x7e]/g, ' ').slice(0, 1000);
}

/**
 * The SQL connectors' endpoint (databricks-sql-connector, JDBC, ODBC, dbt-databricks): Databricks'
 * TCLIService, one TBinaryProtocol call per POST (`application/x-thrift`), behind the same token
 * as the REST API, served by sql-endpoint/. A warehouse's HTTP path runs its statements on the
 * warehouse; a cluster's (JDBC's `sql/protocolv1/o/{org}/{cluster}`) on the cluster.
 */
export const sqlConnectorRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const endpoint = new SqlEndpoint(services.config.sql.connectProtos, services.computeCallers, app.log);
  endpoint.start();
  app.addHook('onClose', async () => endpoint.stop());
  const warehouses = sqlWarehouseEngines(services, app.log);

  app.addContentTypeParser(THRIFT, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  // A request refused before its call (a bad token, no such warehouse) has no Thrift reply to
  // carry the reason: the connectors show this header instead.
  app.addHook('onError', async (_request, reply, error) => {
    reply.header(ERROR_HEADER, headerText(error.message));
  });
  await app.register(connectorTelemetryRoutes, { services });

  const call = async (request: FastifyRequest, reply: FastifyReply, compute: SqlCompute) => {
    if (!Buffer.isBuffer(request.body))
      throw malformedRequest(`Send one Thrift call with Content-Type: ${THRIFT}`);
    const context: CallContext = {
      endpoint,
      compute,
      owner: {
        workspaceId: request.workspace.workspaceId,
        userName: request.principal.userName,
        computeKey: compute.key,
      },
      metastore: () => unityCatalogView(services, request.workspace.namespace),
      log: request.log,
    };
    let answer: Buffer;
    try {
      answer = await exchange(request.body, tcliHandler(context));
    } catch (error) {
      throw malformedRequest(`Not a Thrift call: ${error instanceof Error ? error.message : String(error)}`);
    }
    return reply.type(THRIFT).send(answer);
  };

  const schema = { tags: ['sql connectors'], hide: true };
  app.post(
    '/sql/1.0/warehouses/:warehouse_id',
    {
      schema: {
        ...schema,
        summary: 'A Thrift call of the SQL connectors on a warehouse',
        params: WarehouseParams,
      },
    },
    (request, reply) =>
      call(
        request,
        reply,
        warehouseCompute(warehouses, request.workspace, request.principal, request.params.warehouse_id),
      ),
  );
  app.post(
    '/sql/protocolv1/o/:org_id/:cluster_id',
    {
      schema: {
        ...schema,
        summary: 'A Thrift call of the SQL connectors on a cluster',
        params: ClusterParams,
      },
    },
    (request, reply) =>
      call(
        request,
        reply,
        clusterCompute(
          services,
          request.workspace,
          request.principal,
          request.params.org_id,
          request.params.cluster_id,
        ),
      ),
  );
};
