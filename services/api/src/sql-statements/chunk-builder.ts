import type { ChunkPart, FormattedBatch, ResultWriter } from '../sql-engine/result-format.js';
import { SqlError } from '../sql-engine/sql-error.js';
import type { ChunkInfo } from './statement-record.js';

/** INLINE results are refused beyond 25 MiB, as Databricks does (without a byte_limit to cut them). */
export const INLINE_LIMIT_BYTES = 25 * 1024 * 1024;

export interface ChunkLimits {
  /** A chunk is closed once it holds this many bytes. */
  targetBytes: number;
  rowLimit?: number | undefined;
  byteLimit?: number | undefined;
  /** Past this many bytes the statement fails (INLINE, when no byte_limit cuts the result). */
  failAboveBytes?: number | undefined;
}

export interface FinishedChunk {
  info: ChunkInfo;
  body: Buffer;
}

/**
 * Cuts a result into chunks as its batches arrive: rows go into the open chunk until it weighs
 * `targetBytes`; `row_limit` and `byte_limit` end the result early and mark it truncated (the
 * caller then stops reading).
 */
export class ChunkBuilder {
  private parts: ChunkPart[] = [];
  private openRows = 0;
  private openBytes = 0;
  private readonly chunks: ChunkInfo[] = [];
  private rows = 0;
  private bytes = 0;
  /** Whether rows were left out by a limit. */
  truncated = false;

  constructor(
    private readonly writer: ResultWriter,
    private readonly limits: ChunkLimits,
  ) {}

  get totalRows(): number {
    return this.rows;
  }

  get chunkInfos(): readonly ChunkInfo[] {
    return this.chunks;
  }

  /** Takes a batch's rows; answers the chunks it closed. After `truncated`, take no more. */
  add(batch: FormattedBatch): FinishedChunk[] {
    const finished: FinishedChunk[] = [];
    let from = 0;
    let row = 0;
    for (; row < batch.rowCount; row++) {
      const weight = batch.rowBytes(row);
      if (this.reachedLimit(weight)) {
        this.truncated = true;
        break;
      }
      this.rows += 1;
      this.bytes += weight;
      this.openRows += 1;
      this.openBytes += weight;
      if (this.openBytes >= this.limits.targetBytes) {
        this.parts.push(batch.slice(from, row + 1));
        from = row + 1;
        finished.push(this.close());
      }
    }
    if (row > from) this.parts.push(batch.slice(from, row));
    return finished;
  }

  private reachedLimit(weight: number): boolean {
    const { rowLimit, byteLimit, failAboveBytes } = this.limits;
    if (rowLimit !== undefined && this.rows >= rowLimit) return true;
    if (byteLimit !== undefined && this.bytes + weight > byteLimit) return true;
    if (failAboveBytes !== undefined && this.bytes + weight > failAboveBytes) {
      throw new SqlError(
        `The result of the statement is larger than the ${failAboveBytes / 1024 / 1024} MiB that the INLINE ` +
          'disposition allows; use the EXTERNAL_LINKS disposition, or a byte_limit or row_limit.',
      );
    }
    return false;
  }

  private close(): FinishedChunk {
    const index = this.chunks.length;
    const body = this.writer.chunk(this.parts, index);
    const info = {
      chunk_index: index,
      row_offset: this.rows - this.openRows,
      row_count: this.openRows,
      byte_count: body.length,
    };
    this.chunks.push(info);
    this.parts = [];
    this.openRows = 0;
    this.openBytes = 0;
    return { info, body };
  }

  /** The last chunk, if rows are left in it. */
  finish(): FinishedChunk[] {
    return this.openRows > 0 ? [this.close()] : [];
  }
}
