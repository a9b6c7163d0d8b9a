import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteOptions } from '../../../services.js';

const tags = ['sql connectors'];

const TelemetryRequest = Type.Object({
  uploadTime: Type.Optional(Type.Number()),
  items: Type.Optional(Type.Array(Type.String())),
  protoLogs: Type.Optional(Type.Array(Type.String())),
});
const TelemetryResponse = Type.Object({
  errors: Type.Array(Type.String()),
  numSuccess: Type.Integer(),
  numProtoSuccess: Type.Integer(),
  numRealtimeSuccess: Type.Integer(),
});
const FeatureFlagsParams = Type.Object({ driver: Type.String(), version: Type.String() });
const FeatureFlags = Type.Object({
  flags: Type.Array(Type.Object({ name: Type.String(), value: Type.String() })),
  ttl_seconds: Type.Integer(),
});

/** The flag that turns the Python connector's telemetry on: on, so it runs as where Databricks turns it on. */
const PYTHON_TELEMETRY_FLAG =
  'databricks.partnerplatform.clientConfigsFeatureFlags.enableTelemetryForPythonDriver';
/** How long a connector keeps the flags before it asks again (its own default). */
const FLAGS_TTL_SECONDS = 900;

/**
 * What the SQL connectors ask of the workspace host besides their Thrift calls: their feature
 * flags, and a place to send their telemetry, which is accepted and dropped (it is about the
 * connector, not the workspace). Answered as Databricks answers, so that nothing in a
 * connector's logs says a call failed.
 */
export const connectorTelemetryRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app) => {
  const accepted = (body: { items?: string[] | undefined; protoLogs?: string[] | undefined }) => ({
    errors: [],
    numSuccess: body.items?.length ?? 0,
    numProtoSuccess: body.protoLogs?.length ?? 0,
    numRealtimeSuccess: 0,
  });
  const telemetry = {
    tags,
    summary: "A SQL connector's telemetry (accepted and dropped)",
    body: TelemetryRequest,
    response: { 200: TelemetryResponse },
  };
  app.post('/telemetry-ext', { schema: telemetry }, async (request) => accepted(request.body));
  // Where the connectors send what they have no credentials for (a connection that failed before
  // authenticating); it is left out of the docs, which list the operations that need a token.
  app.post(
    '/telemetry-unauth',
    { config: { access: 'public' }, schema: { ...telemetry, hide: true } },
    async (request) => accepted(request.body),
  );

  app.get(
    '/api/2.0/connector-service/feature-flags/:driver/:version',
    {
      schema: {
        tags,
        summary: "A SQL connector's feature flags",
        params: FeatureFlagsParams,
        response: { 200: FeatureFlags },
      },
    },
    async (request) => ({
      flags: request.params.driver === 'PYTHON' ? [{ name: PYTHON_TELEMETRY_FLAG, value: 'true' }] : [],
      ttl_seconds: FLAGS_TTL_SECONDS,
    }),
  );
};
