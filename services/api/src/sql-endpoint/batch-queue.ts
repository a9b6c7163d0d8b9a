import type { RecordBatch } from 'apache-arrow';

interface QueuedBatch {
  batch: RecordBatch;
  /** The Arrow bytes of the batch as Spark sent it (what it weighs while it waits here). */
  bytes: number;
}

/**
 * The rows of a result that Spark has sent and the client has not fetched yet, in order. A fetch
 * takes whole batches, or the first rows of one (the rest stays at the head).
 */
export class BatchQueue {
  private readonly entries: QueuedBatch[] = [];
  private queuedBytes = 0;
  private queuedRows = 0;

  get bytes(): number {
    return this.queuedBytes;
  }

  get rows(): number {
    return this.queuedRows;
  }

  /** The batch a result's Arrow schema is read from. */
  first(): RecordBatch | undefined {
    return this.entries[0]?.batch;
  }

  push(batch: RecordBatch, bytes: number): void {
    if (batch.numRows === 0) return;
    this.entries.push({ batch, bytes });
    this.queuedBytes += bytes;
    this.queuedRows += batch.numRows;
  }

  /**
   * Up to `maxRows` rows and about `maxBytes` bytes from the head; at least one row when there is
   * one, however large, so that every fetch makes progress.
   */
  take(maxRows: number, maxBytes: number): RecordBatch[] {
    const taken: RecordBatch[] = [];
    let rows = 0;
    let bytes = 0;
    while (rows < maxRows) {
      const head = this.entries[0];
      if (!head) break;
      const perRow = head.bytes / head.batch.numRows;
      const fitting = perRow > 0 ? Math.floor((maxBytes - bytes) / perRow) : head.batch.numRows;
      const count = Math.min(head.batch.numRows, maxRows - rows, rows === 0 ? Math.max(1, fitting) : fitting);
      if (count <= 0) break;
      const takenBytes = perRow * count;
      if (count === head.batch.numRows) {
        this.entries.shift();
        taken.push(head.batch);
      } else {
        taken.push(head.batch.slice(0, count));
        this.entries[0] = { batch: head.batch.slice(count), bytes: head.bytes - takenBytes };
      }
      rows += count;
      bytes += takenBytes;
      this.queuedRows -= count;
      this.queuedBytes -= takenBytes;
    }
    return taken;
  }

  clear(): void {
    this.entries.length = 0;
    this.queuedBytes = 0;
    this.queuedRows = 0;
  }
}
