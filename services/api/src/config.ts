import type { PlatformEnv } from '@brickyard/common/platform-env';

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

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value)
    throw new Error(`missing environment variable ${name} (see .brickyard/env, written by 'make up')`);
  return value;
}

export function readApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return {
    host: env.BRICKYARD_API_HOST ?? '127.0.0.1',
    port: Number(env.BRICKYARD_API_PORT ?? 18080),
    accountId: required(env, 'BRICKYARD_ACCOUNT_ID'),
    kubeconfig: env.KUBECONFIG,
    redisUrl: required(env, 'REDIS_URL'),
    bodyLimitBytes: Number(env.BRICKYARD_API_BODY_LIMIT ?? 16 * 1024 * 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
    transitionWaitMs: Number(env.BRICKYARD_API_TRANSITION_WAIT_MS ?? 10_000),
    s3: {
      endpoint: required(env, 'AWS_ENDPOINT_URL_S3'),
      accessKeyId: required(env, 'AWS_ACCESS_KEY_ID'),
      secretAccessKey: required(env, 'AWS_SECRET_ACCESS_KEY'),
      region: required(env, 'AWS_REGION'),
      bucket: required(env, 'BRICKYARD_BUCKET'),
    },
  };
}
