import { Readable } from 'node:stream';
import { DatabricksError, malformedRequest } from '../../errors/databricks-error.js';

/** One upload is at most 5 GiB, as on Databricks. */
const MAX_UPLOAD_BYTES = 5 * 1024 ** 3;

const tooLarge = () =>
  new DatabricksError(413, 'BAD_REQUEST', `An upload is at most ${MAX_UPLOAD_BYTES} bytes (5 GiB)`);

/** Refuses an upload whose Content-Length is over the limit before anything is read. */
export function assertUploadLength(contentLength: string | undefined): void {
  if (contentLength !== undefined && Number(contentLength) > MAX_UPLOAD_BYTES) throw tooLarge();
}

/**
 * The raw request body as chunks, held to the limit as they arrive (a chunked body declares no
 * length); no body is an empty file. A body the client cuts short fails the write, which then
 * leaves no file, as a client error rather than an internal one.
 */
export async function* uploadChunks(body: unknown): AsyncGenerator<Uint8Array> {
  if (!(body instanceof Readable)) return;
  let total = 0;
  try {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > MAX_UPLOAD_BYTES) throw tooLarge();
      yield chunk;
    }
  } catch (error) {
    if (error instanceof DatabricksError) throw error;
    throw malformedRequest('The upload ended before the whole body arrived');
  }
}
