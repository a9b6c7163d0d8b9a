import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { integerEnv, type PlatformEnv, portEnv, readS3Env, requireEnv } from '@brickyard/common/platform-env';
import { parseRateLimits } from './rate-limits/rate-limit-setting.js';

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
  /**
   * The workspace host's certificate and key (PEM files), BRICKYARD_API_TLS_CERT and _KEY: with
   * them the API's port also speaks TLS, which Databricks Connect always uses.
   */
  tls:
    | {
        certFile: string;
        keyFile: string;
        /**
         * Who may still speak plain HTTP to the port, BRICKYARD_API_PLAIN_HTTP: `loopback` (the
         * default) or `any` (in a Kubernetes deployment whose runtime pods call the API in-cluster).
         */
        plainHttp: 'loopback' | 'any';
      }
    | undefined;
  /**
   * How long a Spark Connect call to a starting cluster is held before the client is told to retry
   * (it retries for half an hour). BRICKYARD_API_CONNECT_HOLD_MS.
   */
  connectHoldMs: number;
  sql: SqlStatementsConfig;
  /**
   * Unity Catalog's temporary credentials: the object store's IAM API (versitygw's standalone
   * IAM service, BRICKYARD_S3_IAM_ENDPOINT), signed with the S3 root keys, and how long a
   * credential lasts (BRICKYARD_TEMPORARY_CREDENTIALS_SECONDS). Without the endpoint the
   * credential endpoints answer 501.
   */
  storageCredentials: { iamEndpoint: string; lifetimeMs: number } | undefined;
  /**
   * The web workspace's build that the API serves at `/`, BRICKYARD_WEB_ROOT; by default the
   * dist/ of the @brickyard/web package beside the API, when it is installed.
   */
  webRoot: string | undefined;
  /**
   * The Prometheus that scrapes the operator, BRICKYARD_PROMETHEUS_URL: cost over time is read from
   * its cost gauges. Without it the …/cost/history routes answer FEATURE_DISABLED.
   */
  prometheusUrl: string | undefined;
  /** The MLflow tracking server, BRICKYARD_MLFLOW_URL: without it the /api/2.0/mlflow routes answer FEATURE_DISABLED. */
  mlflowUrl: string | undefined;
  /** How long the audit log keeps events, BRICKYARD_AUDIT_RETENTION_DAYS (Databricks keeps a year). */
  auditRetentionDays: number;
  /**
   * The multiple of Databricks' per-endpoint rate limits to enforce, BRICKYARD_RATE_LIMITS
   * (rate-limits/rate-limit-setting.ts); undefined (`off`, the default): none.
   */
  rateLimits: number | undefined;
}

/** The Statement Execution API's settings. */
interface SqlStatementsConfig {
  /**
   * The directory of Spark Connect's .proto files (BRICKYARD_SPARK_CONNECT_PROTOS), extracted by
   * deploy/local/lib/spark-connect-protos.sh; without it statements are refused with 503, and
   * so are Databricks Connect calls (the workspace host could not give their sessions their caller).
   */
  connectProtos: string | undefined;
  /** The size a result chunk is cut at, BRICKYARD_SQL_CHUNK_BYTES. */
  chunkBytes: number;
  /** How long results stay fetchable after a statement ends (then it is CLOSED), BRICKYARD_SQL_RESULT_TTL_MS. */
  resultTtlMs: number;
  /** How long statements stay readable and listed in the query history, BRICKYARD_SQL_HISTORY_TTL_MS. */
  historyTtlMs: number;
  /**
   * The S3 endpoint that external links point at, BRICKYARD_S3_PUBLIC_ENDPOINT: the clients of the
   * API must reach it, which an in-cluster endpoint may not be. Defaults to the S3 endpoint.
   */
  linksEndpoint: string;
}

function tlsFiles(env: NodeJS.ProcessEnv): ApiConfig['tls'] {
  const certFile = env.BRICKYARD_API_TLS_CERT || undefined;
  const keyFile = env.BRICKYARD_API_TLS_KEY || undefined;
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile)
    throw new Error('BRICKYARD_API_TLS_CERT and BRICKYARD_API_TLS_KEY must be set together');
  const plainHttp = env.BRICKYARD_API_PLAIN_HTTP || 'loopback';
  if (plainHttp !== 'loopback' && plainHttp !== 'any')
    throw new Error(`BRICKYARD_API_PLAIN_HTTP must be loopback or any, not ${plainHttp}`);
  return { certFile, keyFile, plainHttp };
}

function readSqlStatementsConfig(env: NodeJS.ProcessEnv, s3: PlatformEnv['s3']): SqlStatementsConfig {
  return {
    connectProtos: env.BRICKYARD_SPARK_CONNECT_PROTOS || undefined,
    chunkBytes: integerEnv(env, 'BRICKYARD_SQL_CHUNK_BYTES', 4 * 1024 * 1024),
    resultTtlMs: integerEnv(env, 'BRICKYARD_SQL_RESULT_TTL_MS', 60 * 60 * 1000),
    historyTtlMs: integerEnv(env, 'BRICKYARD_SQL_HISTORY_TTL_MS', 7 * 24 * 60 * 60 * 1000),
    linksEndpoint: env.BRICKYARD_S3_PUBLIC_ENDPOINT || s3.endpoint,
  };
}

export function readApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const required = requireEnv(env, ['BRICKYARD_ACCOUNT_ID', 'REDIS_URL']);
  const s3 = readS3Env(env);
  return {
    host: env.BRICKYARD_API_HOST || '127.0.0.1',
    port: portEnv(env, 'BRICKYARD_API_PORT', 18080),
    accountId: required.BRICKYARD_ACCOUNT_ID,
    kubeconfig: env.KUBECONFIG || undefined,
    redisUrl: required.REDIS_URL,
    bodyLimitBytes: integerEnv(env, 'BRICKYARD_API_BODY_LIMIT', 16 * 1024 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    transitionWaitMs: integerEnv(env, 'BRICKYARD_API_TRANSITION_WAIT_MS', 10_000, 0),
    s3,
    tls: tlsFiles(env),
    connectHoldMs: integerEnv(env, 'BRICKYARD_API_CONNECT_HOLD_MS', 60_000, 0),
    sql: readSqlStatementsConfig(env, s3),
    storageCredentials: env.BRICKYARD_S3_IAM_ENDPOINT
      ? {
          iamEndpoint: env.BRICKYARD_S3_IAM_ENDPOINT,
          lifetimeMs: integerEnv(env, 'BRICKYARD_TEMPORARY_CREDENTIALS_SECONDS', 3600) * 1000,
        }
      : undefined,
    webRoot: env.BRICKYARD_WEB_ROOT || installedWebRoot(),
    prometheusUrl: env.BRICKYARD_PROMETHEUS_URL || undefined,
    mlflowUrl: env.BRICKYARD_MLFLOW_URL || undefined,
    auditRetentionDays: integerEnv(env, 'BRICKYARD_AUDIT_RETENTION_DAYS', 365),
    rateLimits: parseRateLimits(env.BRICKYARD_RATE_LIMITS),
  };
}

function installedWebRoot(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@brickyard/web/package.json')), 'dist');
  } catch {
    return undefined;
  }
}
