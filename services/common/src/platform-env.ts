/**
 * The connection settings of the platform, read from the environment that `.brickyard/env`
 * exports. A missing variable is a setup error, reported with how to fix it.
 */
export interface PlatformEnv {
  kubeconfig: string;
  redisUrl: string;
  s3: {
    endpoint: string;
    accessKeyId: string;
    secretAccessKey: string;
    region: string;
    bucket: string;
  };
}

export class MissingEnvError extends Error {
  constructor(names: string[]) {
    super(
      `missing environment variable(s) ${names.join(', ')}: run 'make up' and 'source .brickyard/env', ` +
        'or set them to point at your own Kubernetes, Redis and S3',
    );
    this.name = 'MissingEnvError';
  }
}

const S3_VARIABLES = [
  'AWS_ENDPOINT_URL_S3',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_REGION',
  'BRICKYARD_BUCKET',
] as const;

function requireAll<const N extends string>(env: NodeJS.ProcessEnv, names: readonly N[]): Record<N, string> {
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) throw new MissingEnvError(missing);
  return Object.fromEntries(names.map((name) => [name, env[name] as string])) as Record<N, string>;
}

/** The object store settings every service reads: the AWS_* variables and BRICKYARD_BUCKET. */
export function readS3Env(env: NodeJS.ProcessEnv = process.env): PlatformEnv['s3'] {
  const value = requireAll(env, S3_VARIABLES);
  return {
    endpoint: value.AWS_ENDPOINT_URL_S3,
    accessKeyId: value.AWS_ACCESS_KEY_ID,
    secretAccessKey: value.AWS_SECRET_ACCESS_KEY,
    region: value.AWS_REGION,
    bucket: value.BRICKYARD_BUCKET,
  };
}

export function readPlatformEnv(env: NodeJS.ProcessEnv = process.env): PlatformEnv {
  const value = requireAll(env, ['KUBECONFIG', 'REDIS_URL', ...S3_VARIABLES]);
  return { kubeconfig: value.KUBECONFIG, redisUrl: value.REDIS_URL, s3: readS3Env(env) };
}
