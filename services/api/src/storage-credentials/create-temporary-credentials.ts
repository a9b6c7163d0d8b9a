import { IamClient } from '@brickyard/common/storage-credentials';
import type { Logger } from 'pino';
import type { ApiConfig } from '../config.js';
import { CredentialReaper } from './credential-reaper.js';
import { TemporaryCredentials } from './temporary-credentials.js';

/** How often expired credentials' users are looked for. */
const REAP_INTERVAL_MS = 30_000;

/** The credential vending of the API and its reaper, when the config names the IAM API. */
export function createTemporaryCredentials(
  config: Pick<ApiConfig, 's3' | 'storageCredentials'>,
  logger: Logger,
): { temporaryCredentials: TemporaryCredentials | undefined; reaper: CredentialReaper | undefined } {
  const settings = config.storageCredentials;
  if (!settings) return { temporaryCredentials: undefined, reaper: undefined };
  const iam = new IamClient({
    endpoint: settings.iamEndpoint,
    region: config.s3.region,
    keys: { accessKeyId: config.s3.accessKeyId, secretAccessKey: config.s3.secretAccessKey },
  });
  const temporaryCredentials = new TemporaryCredentials(iam, settings.lifetimeMs);
  const reaper = new CredentialReaper(
    temporaryCredentials,
    REAP_INTERVAL_MS,
    logger.child({ component: 'credential-reaper' }),
  );
  return { temporaryCredentials, reaper };
}
