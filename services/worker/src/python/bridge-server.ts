import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Python process has no S3 client and no DuckDB: it asks the executor, over JSON on HTTP on a
 * loopback port that lives as long as the task. Each call is `POST /rpc/<op>` with the arguments
 * as a JSON object and the header `x-brickyard-token`; the answer is `{"result": ...}`, or
 * `{"error": {"type", "message", ...}}` with status 400 (the caller's mistake) or 500.
 */
export type BridgeHandler = (args: Record<string, unknown>) => Promise<unknown>;

export class BridgeCallError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BridgeCallError';
  }
}

export interface Bridge {
  url: string;
  token: string;
  close(): Promise<void>;
}

const BRIDGE_BODY_LIMIT = 64 * 1024 * 1024;

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > BRIDGE_BODY_LIMIT) throw new BridgeCallError('TOO_LARGE', 'request body over 64 MB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBridge(
  handlers: Readonly<Record<string, BridgeHandler>>,
  describeError: (error: unknown) => BridgeCallError,
): Promise<Bridge> {
  const token = randomBytes(24).toString('hex');
  const expected = Buffer.from(token);
  const server = createServer((request, response) => {
    const presented = Buffer.from(String(request.headers['x-brickyard-token'] ?? ''));
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      send(response, 401, { error: { type: 'UNAUTHENTICATED', message: 'bad bridge token' } });
      return;
    }
    const op = /^\/rpc\/([\w.]+)$/.exec(request.url ?? '')?.[1];
    const handler = op === undefined || !Object.hasOwn(handlers, op) ? undefined : handlers[op];
    if (request.method !== 'POST' || !handler) {
      send(response, 404, { error: { type: 'NOT_FOUND', message: `no bridge operation ${request.url}` } });
      return;
    }
    readBody(request)
      .then(async (text) => {
        const args: unknown = text ? JSON.parse(text) : {};
        if (typeof args !== 'object' || args === null || Array.isArray(args)) {
          throw new BridgeCallError('INVALID_ARGUMENT', 'arguments must be a JSON object');
        }
        const result = await handler(args as Record<string, unknown>);
        send(response, 200, { result: result ?? null });
      })
      .catch((error: unknown) => {
        const described =
          error instanceof SyntaxError
            ? new BridgeCallError('INVALID_ARGUMENT', error.message)
            : describeError(error);
        const status = described.type === 'INTERNAL' ? 500 : 400;
        send(response, status, {
          error: { type: described.type, message: described.message, ...described.details },
        });
      });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
