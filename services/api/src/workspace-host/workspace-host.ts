import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createServer as createH2cServer,
  createSecureServer,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from 'node:http2';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import type { Logger } from 'pino';
import { answerClientError } from './client-errors.js';
import { isLoopback, sniffProtocol } from './protocol-sniff.js';

const PLAIN_HTTP_REFUSED = JSON.stringify({
  error_code: 'PERMISSION_DENIED',
  message: 'This host serves plain HTTP to loopback clients only: use https',
});

/** A plain HTTP/1.1 client from elsewhere is told why; an HTTP/2 one (gRPC) is only disconnected. */
function refusePlainHttp(socket: Socket, protocol: string | undefined): void {
  if (protocol !== 'http1') {
    socket.destroy();
    return;
  }
  socket.end(
    `HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(PLAIN_HTTP_REFUSED)}\r\nconnection: close\r\n\r\n${PLAIN_HTTP_REFUSED}`,
  );
}

type RequestHandler = (
  request: IncomingMessage | Http2ServerRequest,
  response: ServerResponse | Http2ServerResponse,
) => void;

export interface WorkspaceHostOptions {
  host: string;
  port: number;
  /**
   * PEM key and certificate: without them the port speaks plain HTTP/1.1 and HTTP/2 only. With
   * them, plain HTTP stays for loopback clients unless `plainHttp` is `any`.
   */
  tls?: { key: Buffer; cert: Buffer; plainHttp: 'loopback' | 'any' };
  /** The REST API (Fastify's router). */
  rest: RequestHandler;
  /** gRPC calls (Spark Connect). */
  grpc: (request: Http2ServerRequest, response: Http2ServerResponse) => void;
  isGrpc: (request: Http2ServerRequest) => boolean;
  log: Logger;
}

/** How long a connection may take to send its first bytes. */
const FIRST_BYTES_TIMEOUT_MS = 30_000;
/** Enough bytes to tell the protocols apart; a connection that sends fewer undecided ones is dropped. */
const SNIFF_LIMIT_BYTES = 16;

/**
 * The workspace host: one port, as on Databricks, for REST over HTTP/1.1 or HTTP/2 and Spark
 * Connect's gRPC, with or without TLS. Each connection goes to the server its first bytes ask for;
 * the TLS server picks HTTP/2 or HTTP/1.1 by ALPN.
 */
export async function listenWorkspaceHost(options: WorkspaceHostOptions): Promise<Server> {
  const { rest, grpc, isGrpc, log } = options;
  const http2Handler = (request: Http2ServerRequest, response: Http2ServerResponse) => {
    if (isGrpc(request)) grpc(request, response);
    else rest(request, response);
  };
  const http1 = createHttpServer(rest);
  const h2c = createH2cServer(http2Handler);
  const secure = options.tls
    ? createSecureServer({ ...options.tls, allowHTTP1: true }, (request, response) => {
        // With allowHTTP1 the handler also gets HTTP/1.1 requests, which are never gRPC.
        if (request.httpVersionMajor === 2) http2Handler(request, response);
        else rest(request, response);
      })
    : undefined;
  secure?.on('tlsClientError', (error) => log.debug({ err: error }, 'TLS handshake failed'));
  http1.on('clientError', answerClientError);
  secure?.on('clientError', answerClientError);

  // The TLS and HTTP/2 servers take the socket's handle over and first read what was unshifted;
  // the HTTP/1.1 server reads it once the socket flows again.
  const dispatch = (socket: Socket, head: Buffer) => {
    socket.pause();
    socket.unshift(head);
    const protocol = sniffProtocol(head);
    if (protocol !== 'tls' && options.tls?.plainHttp === 'loopback' && !isLoopback(socket.remoteAddress)) {
      refusePlainHttp(socket, protocol);
      return;
    }
    if (protocol === 'tls' && secure) secure.emit('connection', socket);
    else if (protocol === 'h2c') h2c.emit('connection', socket);
    else if (protocol === 'http1') {
      http1.emit('connection', socket);
      socket.resume();
    } else socket.destroy();
  };
  // Without Nagle's algorithm: a small gRPC message goes out at once, not after the peer's delayed ACK.
  const server = createNetServer({ noDelay: true }, (socket) => {
    socket.on('error', (error) => log.debug({ err: error }, 'Connection failed'));
    socket.setTimeout(FIRST_BYTES_TIMEOUT_MS, () => socket.destroy());
    let head: Buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      if (sniffProtocol(head) === undefined && head.length < SNIFF_LIMIT_BYTES) return;
      socket.off('data', onData);
      socket.setTimeout(0);
      dispatch(socket, head);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('close', () => {
    h2c.close();
    secure?.close();
    http1.close();
  });
  return server;
}
