import type { AccessKey } from '@brickyard/common/storage-credentials';
import type { V1Secret } from '@kubernetes/client-node';

/** The S3 keys in the runtime Secret's data, under the AWS SDK's variable names. */

const ACCESS_KEY_ID = 'AWS_ACCESS_KEY_ID';
const SECRET_ACCESS_KEY = 'AWS_SECRET_ACCESS_KEY';

const decoded = (value: string | undefined): string =>
  value === undefined ? '' : Buffer.from(value, 'base64').toString('utf8');

/** The keys a stored runtime Secret holds; undefined when it holds none. */
export function storedAccessKey(secret: V1Secret | undefined): AccessKey | undefined {
  const accessKeyId = decoded(secret?.data?.[ACCESS_KEY_ID]);
  const secretAccessKey = decoded(secret?.data?.[SECRET_ACCESS_KEY]);
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}

/** The runtime's settings with a workspace's own keys in place of the platform's. */
export function withAccessKey(
  runtimeEnv: Readonly<Record<string, string>>,
  key: AccessKey,
): Record<string, string> {
  return { ...runtimeEnv, [ACCESS_KEY_ID]: key.accessKeyId, [SECRET_ACCESS_KEY]: key.secretAccessKey };
}
