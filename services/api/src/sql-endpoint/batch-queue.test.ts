import { type RecordBatch, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { BatchQueue } from './batch-queue.js';

const batchOf = (from: number, count: number) =>
  tableFromArrays({ id: Int32Array.from({ length: count }, (_, index) => from + index) })
    .batches[0] as RecordBatch;

const ids = (batches: RecordBatch[]) => batches.flatMap((batch) => [...(batch.getChild('id') ?? [])]);

describe('the queue of rows waiting to be fetched', () => {
  it('hands rows out in order, cutting a batch at the row limit', () => {
    const queue = new BatchQueue();
    queue.push(batchOf(0, 5), 50);
    queue.push(batchOf(5, 5), 50);
    expect(ids(queue.take(3, 1000))).toEqual([0, 1, 2]);
    expect([queue.rows, queue.bytes]).toEqual([7, 70]);
    expect(ids(queue.take(100, 1000))).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect([queue.rows, queue.bytes]).toEqual([0, 0]);
    expect(queue.take(10, 1000)).toEqual([]);
  });

  it('stops at about the byte limit, but always hands out a row', () => {
    const queue = new BatchQueue();
    queue.push(batchOf(0, 4), 400);
    expect(ids(queue.take(100, 250))).toEqual([0, 1]);
    expect(ids(queue.take(100, 10))).toEqual([2]);
    expect(queue.rows).toBe(1);
  });

  it('keeps no empty batches and forgets everything when cleared', () => {
    const queue = new BatchQueue();
    queue.push(batchOf(0, 0), 10);
    expect(queue.first()).toBeUndefined();
    queue.push(batchOf(0, 2), 10);
    expect(queue.first()?.numRows).toBe(2);
    queue.clear();
    expect([queue.rows, queue.bytes, queue.first()]).toEqual([0, 0, undefined]);
  });
});
