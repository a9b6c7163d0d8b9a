/**
 * Creates the Brickyard bucket when it is missing: the chart's hook for its in-chart S3 store
 * (versitygw makes buckets only through the S3 API). Settings from the same AWS_* and
 * BRICKYARD_BUCKET variables as every service; waits up to two minutes for the server to answer.
 *   node services/api/dist/install/ensure-bucket.js
 */
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { readS3Env } from '@brickyard/common/platform-env';
import { createS3Client, s3Status } from '@brickyard/common/storage';

const WAIT_MS = 120_000;

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const settings = readS3Env(env);
  const { bucket } = settings;
  const s3 = createS3Client(settings);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      await s3.send(new HeadBucketCommand({ Bucket: bucket }));
      return;
    } catch (error) {
      const status = s3Status(error);
      if (status === 404) {
        await s3.send(new CreateBucketCommand({ Bucket: bucket }));
        process.stdout.write(`created bucket ${bucket}\n`);
        return;
      }
      // No HTTP answer yet: the store's pod is still starting.
      if (status !== undefined || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

await main(process.env);
