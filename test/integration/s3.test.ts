import { randomUUID } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createS3Client } from '@brickyard/common/storage';
import { afterAll, describe, expect, it } from 'vitest';

const env = readPlatformEnv();
const s3 = createS3Client(env.s3);
const Bucket = env.s3.bucket;
const prefix = `it-s3-${randomUUID().slice(0, 8)}`;
const written: string[] = [];

async function readText(Key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket, Key }));
  return (await object.Body?.transformToString()) ?? '';
}

describe('the S3 store', () => {
  afterAll(async () => {
    await Promise.all(written.map((Key) => s3.send(new DeleteObjectCommand({ Bucket, Key }))));
    s3.destroy();
  });

  it('returns what was put', async () => {
    const Key = `${prefix}/hello.txt`;
    written.push(Key);
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'hello, lakehouse' }));
    expect(await readText(Key)).toBe('hello, lakehouse');
  });

  it('assembles a multipart upload from its parts in order', async () => {
    const Key = `${prefix}/multipart.bin`;
    written.push(Key);
    const partSize = 5 * 1024 * 1024; // the S3 minimum for every part but the last
    const parts = [Buffer.alloc(partSize, 'a'), Buffer.alloc(partSize, 'b'), Buffer.from('tail')];
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const uploaded = [];
    for (const [index, Body] of parts.entries()) {
      const PartNumber = index + 1;
      const { ETag } = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body }));
      uploaded.push({ ETag, PartNumber });
    }
    await s3.send(
      new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: uploaded } }),
    );

    const object = await s3.send(new GetObjectCommand({ Bucket, Key }));
    const body = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
    expect(body.length).toBe(2 * partSize + 4);
    expect(body.subarray(partSize - 1, partSize + 1).toString()).toBe('ab');
    expect(body.subarray(-4).toString()).toBe('tail');
  });

  it('rejects a second conditional put to the same key with 412', async () => {
    const Key = `${prefix}/_delta_log/00000000000000000000.json`;
    written.push(Key);
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'first commit', IfNoneMatch: '*' }));
    const second = await s3
      .send(new PutObjectCommand({ Bucket, Key, Body: 'second commit', IfNoneMatch: '*' }))
      .catch((e: unknown) => e);
    expect(second).toBeInstanceOf(S3ServiceException);
    expect((second as S3ServiceException).$metadata.httpStatusCode).toBe(412);
    expect(await readText(Key)).toBe('first commit');
  });

  it('lets exactly one of many concurrent conditional puts to one key win, and keeps its body', async () => {
    const Key = `${prefix}/_delta_log/00000000000000000001.json`;
    written.push(Key);
    const writers = [...Array(16).keys()];
    const outcomes = await Promise.all(
      writers.map((writer) =>
        s3
          .send(new PutObjectCommand({ Bucket, Key, Body: `commit of writer ${writer}`, IfNoneMatch: '*' }))
          .then(() => 200)
          .catch((e: unknown) => (e as S3ServiceException).$metadata?.httpStatusCode),
      ),
    );
    expect(outcomes.filter((status) => status === 200)).toHaveLength(1);
    expect(outcomes.filter((status) => status === 412)).toHaveLength(15);
    expect(await readText(Key)).toBe(`commit of writer ${outcomes.indexOf(200)}`);
  });
});
