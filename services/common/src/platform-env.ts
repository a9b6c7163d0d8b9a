/**
 * Settings from the environment: the connection settings of the platform (what `.brickyard/env`
 * exports) and the readers every process's config uses for its own variables, so that a missing
 * or malformed variable is reported the same way everywhere, with how to fix it.
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

/** How to get the variables when a process is run by hand or by `make up`. */
const PLATFORM_HINT =
  "run 'make up' and 'source .brickyard/env', or set them to point at your own Kubernetes, Redis and S3";

export class MissingEnvError extends Error {
  /** `hint` says who sets the variables: the platform's env file unless told otherwise. */
  constructor(names: string[], hint = PLATFORM_HINT) {
    super(`missing environment variable(s) ${names.join(', ')}: ${hint}`);
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

/** Every one of `names`, set and not empty; else a MissingEnvError naming all that are missing. */
export function requireEnv<const N extends string>(
  env: NodeJS.ProcessEnv,
  names: readonly N[],
  hint?: string,
): Record<N, string> {
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) throw new MissingEnvError(missing, hint);
  return Object.fromEntries(names.map((name) => [name, env[name] as string])) as Record<N, string>;
}

/**
 * An integer variable of at least `minimum`; `fallback` when unset or empty. Anything else
 * (a word, a fraction, too small) is refused, naming the variable.
 */
export function integerEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < minimum) {
    const expected = minimum === 1 ? 'a positive integer' : `an integer of at least ${minimum}`;
    throw new Error(`${name} must be ${expected}, not '${raw}'`);
  }
  return value;
}

/** A TCP port to listen on (0 for any free one); `fallback` when unset or empty. */
export function portEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${name} must be a port number, not '${raw}'`);
  }
  return port;
}

/** The object store settings every service reads: the AWS_* variables and BRICKYARD_BUCKET. */
export function readS3Env(env: NodeJS.ProcessEnv = process.env, hint?: string): PlatformEnv['s3'] {
  const value = requireEnv(env, S3_VARIABLES, hint);
  return {
    endpoint: value.AWS_ENDPOINT_URL_S3,
    accessKeyId: value.AWS_ACCESS_KEY_ID,
    secretAccessKey: value.AWS_SECRET_ACCESS_KEY,
    region: value.AWS_REGION,
    bucket: value.BRICKYARD_BUCKET,
  };
}

export function readPlatformEnv(env: NodeJS.ProcessEnv = process.env): PlatformEnv {
  const value = requireEnv(env, ['KUBECONFIG', 'REDIS_URL', ...S3_VARIABLES]);
  return { kubeconfig: value.KUBECONFIG, redisUrl: value.REDIS_URL, s3: readS3Env(env) };
}
