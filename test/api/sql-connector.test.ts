import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * The HTTP contract of the SQL connectors' Thrift endpoint: what is refused before a Thrift call
 * runs (with the reason in the header the connectors read), and the connectors' side calls. The
 * calls themselves are tested in services/api/src/sql-endpoint and, with the real connector on
 * Spark, in test/e2e/test_sql_connector.py.
 */
let api: TestApp;
let workspace: TestWorkspace;
let warehousePath: string;

const THRIFT = 'application/x-thrift';
/** What the connectors show when a request has no Thrift reply. */
const ERROR_HEADER = 'x-thriftserver-error-message';

/** OpenSession with an empty request, in TBinaryProtocol: the smallest call a connector makes. */
const OPEN_SESSION = Buffer.concat([
  Buffer.from([0x80, 0x01, 0x00, 0x01]), // strict version 1, CALL
  Buffer.from([0x00, 0x00, 0x00, 0x0b]),
  Buffer.from('OpenSession'),
  Buffer.from([0x00, 0x00, 0x00, 0x01]), // seqid
  Buffer.from([0x0c, 0x00, 0x01, 0x00]), // field 1, the request: an empty struct
  Buffer.from([0x00]), // end of the arguments
]);
/** The reply's message header: version 1, REPLY, then the call's name. */
const REPLY_HEADER = Buffer.concat([
  Buffer.from([0x80, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x0b]),
  Buffer.from('OpenSession'),
]);

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-sql-connector');
  const created = await workspace.admin<{ id: string }>('POST', '/api/2.0/sql/warehouses', {
    body: { name: 'connector', cluster_size: '2X-Small', auto_stop_mins: 10 },
  });
  expect(created.status, created.text).toBe(200);
  warehousePath = `/sql/1.0/warehouses/${created.body.id}`;
  // Stopped at once: opening a session needs no compute.
  const stopped = await workspace.admin('POST', `/api/2.0/sql/warehouses/${created.body.id}/stop`, {
    body: {},
  });
  expect(stopped.status).toBe(200);
  // The non-admin caller of these tests may use the warehouse (CAN_USE); see permissions.test.ts.
  const granted = await workspace.admin('PATCH', `/api/2.0/permissions/warehouses/${created.body.id}`, {
    body: {
      access_control_list: [{ service_principal_name: workspace.userName, permission_level: 'CAN_USE' }],
    },
  });
  expect(granted.status, granted.text).toBe(200);
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('the Thrift endpoint of a warehouse', () => {
  it('answers a call with its reply, as application/x-thrift', async () => {
    const response = await workspace.user('POST', warehousePath, {
      rawBody: OPEN_SESSION,
      contentType: THRIFT,
    });
    expect(response.status, response.text).toBe(200);
    expect(response.headers['content-type']).toBe(THRIFT);
    expect(response.raw.subarray(0, REPLY_HEADER.length)).toEqual(REPLY_HEADER);
  });

  it('refuses a caller without a valid token, saying why in the header the connectors read', async () => {
    const response = await api.call('POST', warehousePath, {
      rawBody: OPEN_SESSION,
      contentType: THRIFT,
      token: 'dapi-not-a-token',
    });
    expectDatabricksError(response, 401, 'UNAUTHENTICATED');
    expect(response.headers[ERROR_HEADER]).toBe('Invalid access token');
  });

  it.each([
    ['a warehouse id of no warehouse', '/sql/1.0/warehouses/ffffffffffffffff', 403, 'PERMISSION_DENIED'],
    ['a malformed warehouse id', '/sql/1.0/warehouses/no%20such!', 400, 'INVALID_PARAMETER_VALUE'],
    [
      'another workspace in a cluster path',
      '/sql/protocolv1/o/1/0000-000000-nothere',
      400,
      'INVALID_PARAMETER_VALUE',
    ],
  ])('refuses %s', async (_what, path, status, errorCode) => {
    const response = await workspace.user('POST', path, { rawBody: OPEN_SESSION, contentType: THRIFT });
    expectDatabricksError(response, status, errorCode);
    expect(response.headers[ERROR_HEADER]).toEqual(expect.any(String));
  });

  it('refuses a body that is not one Thrift call', async () => {
    const garbage = await workspace.user('POST', warehousePath, {
      rawBody: 'not thrift',
      contentType: THRIFT,
    });
    expectDatabricksError(garbage, 400, 'MALFORMED_REQUEST', /^Not a Thrift call/);
    const json = await workspace.user('POST', warehousePath, { body: { statement: 'SELECT 1' } });
    expectDatabricksError(json, 400, 'MALFORMED_REQUEST', /Content-Type: application\/x-thrift/);
  });
});

describe('the connectors’ side calls', () => {
  it('serve the feature flags that turn the Python connector’s telemetry on', async () => {
    const flags = await workspace.user('GET', '/api/2.0/connector-service/feature-flags/PYTHON/4.9.0');
    expect(flags.status).toBe(200);
    expect(flags.body).toEqual({
      flags: [
        {
          name: 'databricks.partnerplatform.clientConfigsFeatureFlags.enableTelemetryForPythonDriver',
          value: 'true',
        },
      ],
      ttl_seconds: 900,
    });
  });

  it('accept telemetry, with or without a token', async () => {
    const body = { uploadTime: Date.now(), items: [], protoLogs: ['{}', '{}'] };
    const expected = { errors: [], numSuccess: 0, numProtoSuccess: 2, numRealtimeSuccess: 0 };
    const authenticated = await workspace.user('POST', '/telemetry-ext', { body });
    expect([authenticated.status, authenticated.body]).toEqual([200, expected]);
    const anonymous = await api.call('POST', '/telemetry-unauth', { body });
    expect([anonymous.status, anonymous.body]).toEqual([200, expected]);
  });
});
