import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { DatabricksError } from '../errors/databricks-error.js';

/** Node's error code for a request line and headers above its limit (16 KiB). */
const HEADER_OVERFLOW = 'HPE_HEADER_OVERFLOW';

/**
 * An HTTP/1.1 request Node cannot parse never reaches Fastify: it is answered here, in the
 * Databricks form rather than Node's empty body, 431 for a URL or headers too large, else 400.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer =
    error.code === HEADER_OVERFLOW
      ? new DatabricksError(431, 'BAD_REQUEST', 'The request URL and headers are larger than 16 KiB')
      : new DatabricksError(400, 'MALFORMED_REQUEST', 'The request is not valid HTTP');
  const body = JSON.stringify(answer.toJSON());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${answer.statusCode} ${STATUS_CODES[answer.statusCode]}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
