import { MissingEnvError, type PlatformEnv } from '../services/common/src/platform-env.js';
import { SYSTEM_NAMESPACE } from '../services/common/src/vocabulary.js';

export interface OperatorConfig {
  /** A kubeconfig file; undefined means the default chain (in-cluster service account). */
  kubeconfig: string | undefined;
  s3: PlatformEnv['s3'];
  /** Where /metrics, /healthz and /readyz listen. */
  host: string;
  port: number;
  /** The shard this replica serves; undefined for the default one. */
  shard: string | undefined;
  /** Namespace of the leader Lease. */
  leaseNamespace: string;
  logLevel: string;
}

const S3_VARIABLES = [
  'AWS_ENDPOINT_URL_S3',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_REGION',
  'BRICKYARD_BUCKET',
] as const;

/** A label value that is also valid inside a Lease name. */
const SHARD_PATTERN = /^[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?$/;

/**
 * The operator's settings from its environment. It needs the object store but not Redis, so it
 * reads the S3 variables itself rather than through readPlatformEnv.
 */
export function readOperatorConfig(env: NodeJS.ProcessEnv = process.env): OperatorConfig {
  const missing = S3_VARIABLES.filter((name) => !env[name]);
  if (missing.length > 0) throw new MissingEnvError(missing);
  const value = (name: (typeof S3_VARIABLES)[number]): string => env[name] as string;
  const port = Number(env.BRICKYARD_OPERATOR_PORT ?? '18081');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`BRICKYARD_OPERATOR_PORT must be a port number, not '${env.BRICKYARD_OPERATOR_PORT}'`);
  }
  const shard = env.BRICKYARD_OPERATOR_SHARD || undefined;
  if (shard !== undefined && !SHARD_PATTERN.test(shard)) {
    throw new Error(`BRICKYARD_OPERATOR_SHARD must be lowercase letters, digits and '-', not '${shard}'`);
  }
  return {
    kubeconfig: env.KUBECONFIG || undefined,
    s3: {
      endpoint: value('AWS_ENDPOINT_URL_S3'),
      accessKeyId: value('AWS_ACCESS_KEY_ID'),
      secretAccessKey: value('AWS_SECRET_ACCESS_KEY'),
      region: value('AWS_REGION'),
      bucket: value('BRICKYARD_BUCKET'),
    },
    host: env.BRICKYARD_OPERATOR_HOST || '127.0.0.1',
    port,
    shard,
    leaseNamespace: env.BRICKYARD_OPERATOR_NAMESPACE || SYSTEM_NAMESPACE,
    logLevel: env.LOG_LEVEL || 'info',
  };
}
