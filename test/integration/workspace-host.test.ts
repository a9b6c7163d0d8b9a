import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect, type IncomingHttpHeaders } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, readApiEnv } from './support/api-client.js';

/**
 * The workspace host of the running platform: one port for REST over every protocol a client may
 * pick, and for Spark Connect's gRPC, whose refusals (before any cluster is reached) are gRPC
 * statuses. Calls that reach a cluster's Spark are proven with Spark in test/e2e.
 */
const env = readApiEnv();
const port = Number(new URL(env.host).port);
const ca = readFileSync(join(process.env.BRICKYARD_HOME ?? '.brickyard', 'pki', 'ca.crt'));
const ME = '/api/2.0/preview/scim/v2/Me';

interface Answer {
  status: number;
  body: string;
  protocol: string;
}

function viaHttp1(tls: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const options = {
      host: '127.0.0.1',
      port,
      path: ME,
      headers: { authorization: `Bearer ${env.workspaceToken}` },
    };
    const send = tls ? httpsRequest({ ...options, ca }) : httpRequest(options);
    send.on('response', (response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body, protocol: response.httpVersion }),
      );
    });
    send.on('error', reject);
    send.end();
  });
}

interface Http2Answer {
  headers: IncomingHttpHeaders;
  trailers: IncomingHttpHeaders;
  body: string;
  alpn: string | false | undefined;
}

function viaHttp2(tls: boolean, headers: Record<string, string>, body?: Buffer): Promise<Http2Answer> {
  return new Promise((resolve, reject) => {
    const session = connect(
      tls ? `https://127.0.0.1:${port}` : `http://127.0.0.1:${port}`,
      tls ? { ca } : {},
    );
    session.on('error', reject);
    const stream = session.request(headers);
    let answer: Omit<Http2Answer, 'body' | 'alpn'> = { headers: {}, trailers: {} };
    let text = '';
    stream.on('response', (received) => {
      answer = { ...answer, headers: received };
    });
    stream.on('trailers', (trailers) => {
      answer = { ...answer, trailers };
    });
    stream.on('data', (chunk) => {
      text += chunk;
    });
    stream.on('end', () => {
      resolve({ ...answer, body: text, alpn: session.alpnProtocol });
      session.close();
    });
    stream.on('error', reject);
    stream.end(body);
  });
}

/** A gRPC call of Spark Connect's Config method with an empty message (what matters is the route). */
function grpcConfig(headers: Record<string, string>, tls = true): Promise<Http2Answer> {
  const emptyMessage = Buffer.from([0, 0, 0, 0, 0]);
  return viaHttp2(
    tls,
    {
      ':method': 'POST',
      ':path': '/spark.connect.SparkConnectService/Config',
      'content-type': 'application/grpc',
      te: 'trailers',
      ...headers,
    },
    emptyMessage,
  );
}

describe('the workspace host', () => {
  // The user of the token, as the test's own HTTP client (fetch) gets it: every protocol must agree.
  let tokenUser: string;
  beforeAll(async () => {
    const me = await call<{ userName: string }>(env.host, 'GET', ME, { token: env.workspaceToken });
    expect(me.status).toBe(200);
    tokenUser = me.body.userName;
    expect(tokenUser).toMatch(/\S/);
  });

  it.each([
    ['HTTP/1.1', false],
    ['HTTP/1.1 over TLS', true],
  ])('serves REST over %s', async (_name, tls) => {
    const answer = await viaHttp1(tls);
    expect(answer.status).toBe(200);
    expect(answer.protocol).toBe('1.1');
    expect(JSON.parse(answer.body).userName).toBe(tokenUser);
  });

  it.each([
    ['HTTP/2 with prior knowledge', false, undefined],
    ['HTTP/2 over TLS, chosen by ALPN', true, 'h2'],
  ])('serves REST over %s', async (_name, tls, alpn) => {
    const answer = await viaHttp2(tls, { ':path': ME, authorization: `Bearer ${env.workspaceToken}` });
    expect(answer.headers[':status']).toBe(200);
    expect(JSON.parse(answer.body).userName).toBe(tokenUser);
    if (alpn) expect(answer.alpn).toBe(alpn);
  });

  describe('refuses a Spark Connect call with a gRPC status, before any cluster', () => {
    let noSparkCluster: string;
    beforeAll(async () => {
      const created = await call<{ cluster_id: string }>(env.host, 'POST', '/api/2.1/clusters/create', {
        token: env.workspaceToken,
        body: {
          cluster_name: 'workspace-host-no-spark',
          spark_version: '19.3.x-no-spark-scala2.13',
          num_workers: 0,
        },
      });
      noSparkCluster = created.body.cluster_id;
    });
    afterAll(async () => {
      await call(env.host, 'POST', '/api/2.1/clusters/permanent-delete', {
        token: env.workspaceToken,
        body: { cluster_id: noSparkCluster },
      });
    });

    it.each([
      [
        'without a token: UNAUTHENTICATED',
        () => ({ 'x-databricks-cluster-id': 'any' }),
        '16',
        /bearer token/,
      ],
      [
        'with a bad token: UNAUTHENTICATED',
        () => ({ authorization: 'Bearer dapi-nope', 'x-databricks-cluster-id': 'any' }),
        '16',
        /Invalid access token/,
      ],
      [
        'without a cluster: INVALID_ARGUMENT',
        () => ({ authorization: `Bearer ${env.workspaceToken}` }),
        '3',
        /x-databricks-cluster-id/,
      ],
      [
        'for a cluster that does not exist: NOT_FOUND',
        () => ({
          authorization: `Bearer ${env.workspaceToken}`,
          'x-databricks-cluster-id': '0000-000000-missing',
        }),
        '5',
        /Cluster 0000-000000-missing does not exist/,
      ],
      [
        'for a cluster without Spark: FAILED_PRECONDITION',
        () => ({ authorization: `Bearer ${env.workspaceToken}`, 'x-databricks-cluster-id': noSparkCluster }),
        '9',
        /has no Spark/,
      ],
    ])('%s', async (_name, headers, status, message) => {
      for (const tls of [true, false]) {
        const answer = await grpcConfig(headers(), tls);
        // Trailers-only: the status comes in the one HEADERS frame of the answer.
        expect(answer.headers['grpc-status']).toBe(status);
        expect(decodeURIComponent(String(answer.headers['grpc-message']))).toMatch(message);
      }
    });
  });
});
