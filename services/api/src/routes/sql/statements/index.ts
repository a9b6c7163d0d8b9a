import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../../services.js';
import { checkStatementId } from '../../../sql-statements/execution-options.js';
import { ChunkRef, Empty, ExecuteStatement, ResultData, StatementRef, StatementResponse } from './schemas.js';
import { sqlWarehouseEngines } from './sql-warehouse-engines.js';
import { resultDataText, sendJsonText, statementResponseText } from './statement-response.js';

const tags = ['statement execution'];

/**
 * The Statement Execution API (/api/2.0/sql/statements): SQL on a warehouse, run by the SQL engine
 * on the warehouse's Spark Connect server (sql-statements/). An execution error is HTTP 200 with
 * the state FAILED; only a request that cannot be accepted gets an error status.
 */
export const statementRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { statements } = services;
  // The seam to the compute statements run on: swap it here to run them elsewhere.
  const warehouses = sqlWarehouseEngines(services, app.log);

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Execute a SQL statement, waiting for it as wait_timeout says',
        body: ExecuteStatement,
        response: { 200: StatementResponse },
      },
    },
    async (request, reply) => {
      const outcome = await statements.execute(
        warehouses,
        request.workspace,
        request.principal,
        request.body,
        request.headers['user-agent'],
      );
      const text = await statementResponseText(outcome.record, statements.chunks, outcome.firstChunk);
      return sendJsonText(reply, text);
    },
  );

  app.get(
    '/:statement_id',
    {
      schema: {
        tags,
        summary: 'The status of a statement, with its manifest and first chunk once it succeeded',
        params: StatementRef,
        response: { 200: StatementResponse },
      },
    },
    async (request, reply) => {
      const id = checkStatementId(request.params.statement_id);
      const record = await statements.get(request.workspace, request.principal, id);
      return sendJsonText(reply, await statementResponseText(record, statements.chunks));
    },
  );

  app.get(
    '/:statement_id/result/chunks/:chunk_index',
    {
      schema: {
        tags,
        summary: 'One chunk of the result of a statement that succeeded',
        params: ChunkRef,
        response: { 200: ResultData },
      },
    },
    async (request, reply) => {
      const id = checkStatementId(request.params.statement_id);
      const record = await statements.get(request.workspace, request.principal, id);
      const text = await resultDataText(record, request.params.chunk_index, statements.chunks);
      return sendJsonText(reply, text);
    },
  );

  app.post(
    '/:statement_id/cancel',
    {
      schema: {
        tags,
        summary: 'Request that a statement stop',
        params: StatementRef,
        response: { 200: Empty },
      },
    },
    async (request) => {
      const id = checkStatementId(request.params.statement_id);
      await statements.cancel(request.workspace, request.principal, id);
      return {};
    },
  );

  // Databricks answers {} and leaves the statement readable: there is no call that closes one.
  app.delete(
    '/:statement_id',
    {
      schema: {
        tags,
        summary: 'Accepted and ignored, as on Databricks',
        params: StatementRef,
        response: { 200: Empty },
      },
    },
    async (request) => {
      checkStatementId(request.params.statement_id);
      return {};
    },
  );
};
