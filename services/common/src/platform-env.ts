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

export function readPlatformEnv(env: NodeJS.ProcessEnv = process.env): PlatformEnv {
  const names = [
    'KUBECONFIG',
    'REDIS_URL',
    'AWS_ENDPOINT_URL_S3',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_REGION',
    'BRICKYARD_BUCKET',
  ] as const;
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) throw new MissingEnvError(missing);
  const value = (name: (typeof names)[number]): string => env[name] as string;
  return {
    kubeconfig: value('KUBECONFIG'),
    redisUrl: value('REDIS_URL'),
    s3: {
      endpoint: value('AWS_ENDPOINT_URL_S3'),
      accessKeyId: value('AWS_ACCESS_KEY_ID'),
      secretAccessKey: value('AWS_SECRET_ACCESS_KEY'),
      region: value('AWS_REGION'),
      bucket: value('BRICKYARD_BUCKET'),
    },
  };
}
