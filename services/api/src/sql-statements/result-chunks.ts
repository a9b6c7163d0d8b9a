import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectStore } from '@brickyard/common/storage';
import type { ResultFormat } from '../sql-engine/result-format.js';

/**
 * Result chunks in the object store, under the workspace's storage root:
 * `workspaces/<ws>/sql-results/<statement id>/<index>.<json|csv|arrow>`. Stored there, they
 * survive the API process and any replica serves them; EXTERNAL_LINKS hands out presigned GETs
 * of them, which carry their own credentials. Small chunks of INLINE results (a point query's
 * row) go to the statement store instead, when there is one: as durable for what reads them
 * (any replica's GET of the statement or chunk) and a Redis write rather than an object's.
 */

const AREA = 'sql-results';
/** INLINE chunks up to this size are kept in the statement store (Redis) for the results' lifetime. */
const SMALL_CHUNK_BYTES = 64 * 1024;
/** A kept chunk outlives the results' expiry (counted from the statement's end, a little later). */
const SMALL_CHUNK_MARGIN_MS = 60_000;
/** Databricks' links last 15 minutes (X-Amz-Expires=899 in its answers). */
const LINK_LIFETIME_SECONDS = 899;

const FILES: Readonly<Record<ResultFormat, { extension: string; contentType: string }>> = {
  JSON_ARRAY: { extension: 'json', contentType: 'application/json' },
  CSV: { extension: 'csv', contentType: 'text/csv' },
  ARROW_STREAM: { extension: 'arrow', contentType: 'application/vnd.apache.arrow.stream' },
};

/** Where small INLINE chunks are kept, and for how long. */
export interface SmallChunkStore {
  putChunk(statementId: string, chunkIndex: number, body: Buffer, ttlMs: number): Promise<void>;
  getChunk(statementId: string, chunkIndex: number): Promise<Buffer | undefined>;
}

/** Where `put` stored a chunk: only the object store's need deleting. */
export type ChunkPlace = 'object-store' | 'statement-store';

interface ExternalLinkTarget {
  url: string;
  /** ISO time after which the link no longer works. */
  expiration: string;
}

export class ResultChunks {
  constructor(
    private readonly storage: ObjectStore,
    /** A client of the S3 endpoint that the API's clients reach (links are signed for its host). */
    private readonly linkClient: S3Client,
    /** Where small INLINE chunks go, and the results' lifetime (resultTtlMs). */
    private readonly small?: { store: SmallChunkStore; ttlMs: number },
  ) {}

  private key(statementId: string, chunkIndex: number, format: ResultFormat): string {
    return `${AREA}/${statementId}/${chunkIndex}.${FILES[format].extension}`;
  }

  /** `inline`: a chunk of an INLINE result, which no link will ever point to. */
  async put(
    workspaceId: number,
    statementId: string,
    chunkIndex: number,
    format: ResultFormat,
    body: Buffer,
    inline = false,
  ): Promise<ChunkPlace> {
    if (this.small && inline && body.length <= SMALL_CHUNK_BYTES) {
      await this.small.store.putChunk(
        statementId,
        chunkIndex,
        body,
        this.small.ttlMs + SMALL_CHUNK_MARGIN_MS,
      );
      return 'statement-store';
    }
    await this.storage
      .forWorkspace(workspaceId)
      .put(this.key(statementId, chunkIndex, format), body, { contentType: FILES[format].contentType });
    return 'object-store';
  }

  async get(workspaceId: number, statementId: string, chunkIndex: number, format: ResultFormat) {
    const small = await this.small?.store.getChunk(statementId, chunkIndex);
    if (small) return small;
    const object = await this.storage
      .forWorkspace(workspaceId)
      .get(this.key(statementId, chunkIndex, format));
    return object?.bytes;
  }

  async deleteAll(workspaceId: number, statementId: string): Promise<void> {
    const root = this.storage.forWorkspace(workspaceId);
    const { objects } = await root.list(`${AREA}/${statementId}/`);
    await root.deleteMany(objects.map((object) => object.key));
  }

  close(): void {
    this.linkClient.destroy();
  }

  /** A presigned GET of a chunk, valid for LINK_LIFETIME_SECONDS from now. */
  async link(workspaceId: number, statementId: string, chunkIndex: number, format: ResultFormat) {
    const root = this.storage.forWorkspace(workspaceId);
    const expiresAt = Date.now() + LINK_LIFETIME_SECONDS * 1000;
    const url = await getSignedUrl(
      this.linkClient,
      new GetObjectCommand({
        Bucket: root.bucket,
        Key: root.bucketKey(this.key(statementId, chunkIndex, format)),
      }),
      { expiresIn: LINK_LIFETIME_SECONDS },
    );
    return { url, expiration: new Date(expiresAt).toISOString() } satisfies ExternalLinkTarget;
  }
}
