import { integerEnv, type PlatformEnv, portEnv, readS3Env, requireEnv } from '@brickyard/common/platform-env';

/** The API server's settings, from the environment. */
export interface ApiConfig {
  host: string;
  port: number;
  /** Account id of this installation (a UUID), as in the Databricks accounts API. */
  accountId: string;
  kubeconfig: string | undefined;
  redisUrl: string;
  /** Largest request body accepted; workspace imports are up to 10 MB before base64. */
  bodyLimitBytes: number;
  logLevel: string;
  /**
   * How long clusters/start, restart, resize, edit and delete wait for the operator to publish
   * the transition they asked for, so that a client polling right after sees it; after that they
   * answer anyway (the request is recorded in the spec). BRICKYARD_API_TRANSITION_WAIT_MS.
   */
  transitionWaitMs: number;
  s3: PlatformEnv['s3'];
}

export function readApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const required = requireEnv(env, ['BRICKYARD_ACCOUNT_ID', 'REDIS_URL']);
  return {
    host: env.BRICKYARD_API_HOST || '127.0.0.1',
    port: portEnv(env, 'BRICKYARD_API_PORT', 18080),
    accountId: required.BRICKYARD_ACCOUNT_ID,
    kubeconfig: env.KUBECONFIG || undefined,
    redisUrl: required.REDIS_URL,
    bodyLimitBytes: integerEnv(env, 'BRICKYARD_API_BODY_LIMIT', 16 * 1024 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    transitionWaitMs: integerEnv(env, 'BRICKYARD_API_TRANSITION_WAIT_MS', 10_000, 0),
    s3: readS3Env(env),
  };
}
