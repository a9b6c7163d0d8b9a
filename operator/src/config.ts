import { type PlatformEnv, portEnv, readS3Env, requireEnv } from '@brickyard/common/platform-env';
import { SYSTEM_NAMESPACE } from '@brickyard/common/vocabulary';
import { type ClusterSettings, readClusterSettings } from './cluster/settings.js';
import { readWarehouseSettings, type WarehouseSettings } from './warehouse/settings.js';

export interface OperatorConfig {
  /** A kubeconfig file; undefined means the default chain (in-cluster service account). */
  kubeconfig: string | undefined;
  s3: PlatformEnv['s3'];
  /**
   * The object store's IAM API (BRICKYARD_S3_IAM_ENDPOINT): with it each workspace's pods get
   * keys of their own, confined to its storage root; without it they get the platform's keys.
   */
  s3IamEndpoint: string | undefined;
  /** Where the scheduler publishes cluster demand; also handed to cluster pods. */
  redisUrl: string;
  clusters: ClusterSettings;
  warehouses: WarehouseSettings;
  /** Where cluster pods reach the API (BRICKYARD_API_URL): Spark's Unity Catalog calls. */
  apiUrl: string;
  /** Where /metrics, /healthz and /readyz listen. */
  host: string;
  port: number;
  /** The shard this replica serves; undefined for the default one. */
  shard: string | undefined;
  /** Namespace of the leader Lease. */
  leaseNamespace: string;
  logLevel: string;
}

/** A label value that is also valid inside a Lease name. */
const SHARD_PATTERN = /^[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?$/;

/**
 * The operator's settings from its environment: the object store (workspace storage roots),
 * Redis (cluster demand) and the cluster controller's settings (cluster/settings.ts).
 */
export function readOperatorConfig(env: NodeJS.ProcessEnv = process.env): OperatorConfig {
  const { REDIS_URL: redisUrl } = requireEnv(env, ['REDIS_URL']);
  const s3 = readS3Env(env);
  const port = portEnv(env, 'BRICKYARD_OPERATOR_PORT', 18081);
  const shard = env.BRICKYARD_OPERATOR_SHARD || undefined;
  if (shard !== undefined && !SHARD_PATTERN.test(shard)) {
    throw new Error(`BRICKYARD_OPERATOR_SHARD must be lowercase letters, digits and '-', not '${shard}'`);
  }
  return {
    kubeconfig: env.KUBECONFIG || undefined,
    s3,
    s3IamEndpoint: env.BRICKYARD_S3_IAM_ENDPOINT || undefined,
    redisUrl,
    clusters: readClusterSettings(env),
    warehouses: readWarehouseSettings(env),
    apiUrl: (env.BRICKYARD_API_URL || 'http://127.0.0.1:18080').replace(/\/+$/, ''),
    host: env.BRICKYARD_OPERATOR_HOST || '127.0.0.1',
    port,
    shard,
    leaseNamespace: env.BRICKYARD_OPERATOR_NAMESPACE || SYSTEM_NAMESPACE,
    logLevel: env.LOG_LEVEL || 'info',
  };
}

/**
 * What cluster pods need to reach Redis, the object store and the API: the brickyard-runtime
 * Secret. Its keys are the platform's here; the workspace controller puts the workspace's own in
 * their place when the object store has IAM (workspace/workspace-keys.ts).
 */
export function runtimeEnvOf(
  config: Pick<OperatorConfig, 'redisUrl' | 's3' | 'apiUrl'>,
): Record<string, string> {
  return {
    BRICKYARD_API_URL: config.apiUrl,
    REDIS_URL: config.redisUrl,
    AWS_ENDPOINT_URL_S3: config.s3.endpoint,
    AWS_ACCESS_KEY_ID: config.s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: config.s3.secretAccessKey,
    AWS_REGION: config.s3.region,
    BRICKYARD_BUCKET: config.s3.bucket,
  };
}
