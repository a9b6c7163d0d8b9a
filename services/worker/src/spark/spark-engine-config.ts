import { findNodeType, type NodeType } from '@brickyard/common/catalog';
import { requireEnv } from '@brickyard/common/platform-env';
import type { ConsumerConfig } from '../consumer/consumer-config.js';

/**
 * What a cluster pod needs to run its Spark daemons, from the pod's environment. The operator
 * sets BRICKYARD_SPARK_ENGINE: `spark` runs them; `none` (or unset, as an operator that predates
 * Spark leaves it) keeps the runtime a plain task consumer with no JVMs.
 */
export interface SparkEngineConfig {
  clusterId: string;
  workspaceId: number;
  role: ConsumerConfig['role'];
  redisUrl: string;
  s3: ConsumerConfig['s3'];
  /** The pod's own loopback address: every daemon binds there, never on 0.0.0.0. */
  podIp: string;
  /** The pod's name (HOSTNAME, as a container runtime sets it): names its scratch directory. */
  podName: string;
  /** $BRICKYARD_SPARK_RUNTIME: venv/ with pyspark, jars/ with Delta and S3A. */
  runtimeDir: string;
  /** The node type of this pod. */
  nodeType: NodeType;
  /** The node type of the cluster's workers, which sizes executors (the pod's own when unset). */
  workerNodeType: NodeType;
  /** BRICKYARD_SINGLE_NODE: a fixed size of zero workers; undefined when the operator did not say. */
  singleNode: boolean | undefined;
  /** The cluster's spark_conf (BRICKYARD_SPARK_CONF, a JSON object). */
  userConf: Readonly<Record<string, string>>;
  /** cluster_log_conf's DBFS destination (BRICKYARD_CLUSTER_LOG_DESTINATION), if it has one. */
  clusterLogDestination: string | undefined;
  /**
   * How the driver reaches the API for Unity Catalog (BRICKYARD_API_URL, and the pod's service
   * account token in BRICKYARD_API_TOKEN_FILE); undefined where the operator gave neither.
   */
  api: ApiReach | undefined;
}

export interface ApiReach {
  url: string;
  tokenFile: string;
}

const SET_BY = 'the cluster controller sets them on every cluster pod';

function nodeTypeOf(name: string, id: string): NodeType {
  const found = findNodeType(id);
  if (!found) throw new Error(`${name} names an unknown node type: '${id}'`);
  return found;
}

/** spark_conf as the API stores it: string values (numbers and booleans are taken as their text). */
export function parseSparkConf(raw: string | undefined): Record<string, string> {
  if (raw === undefined || raw.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('BRICKYARD_SPARK_CONF must be a JSON object of Spark settings');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('BRICKYARD_SPARK_CONF must be a JSON object of Spark settings');
  }
  const conf: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw new Error(`BRICKYARD_SPARK_CONF: the value of '${key}' must be a string`);
    }
    conf[key] = String(value);
  }
  return conf;
}

function singleNodeOf(text: string | undefined): boolean | undefined {
  if (text === undefined || text === '') return undefined;
  if (text !== 'true' && text !== 'false')
    throw new Error(`BRICKYARD_SINGLE_NODE must be 'true' or 'false', not '${text}'`);
  return text === 'true';
}

/** The Spark settings of the pod, or undefined when the cluster runs no Spark (engine `none`). */
export function readSparkEngineConfig(
  env: NodeJS.ProcessEnv,
  runtime: Pick<ConsumerConfig, 'clusterId' | 'workspaceId' | 'role' | 'redisUrl' | 's3'>,
): SparkEngineConfig | undefined {
  const engine = env.BRICKYARD_SPARK_ENGINE || 'none';
  if (engine === 'none') return undefined;
  if (engine !== 'spark')
    throw new Error(`BRICKYARD_SPARK_ENGINE must be 'spark' or 'none', not '${engine}'`);
  const required = requireEnv(
    env,
    ['BRICKYARD_POD_IP', 'BRICKYARD_NODE_TYPE', 'BRICKYARD_SPARK_RUNTIME'],
    SET_BY,
  );
  const nodeType = nodeTypeOf('BRICKYARD_NODE_TYPE', required.BRICKYARD_NODE_TYPE);
  const workerTypeId = env.BRICKYARD_WORKER_NODE_TYPE;
  return {
    clusterId: runtime.clusterId,
    workspaceId: runtime.workspaceId,
    role: runtime.role,
    redisUrl: runtime.redisUrl,
    s3: runtime.s3,
    podIp: required.BRICKYARD_POD_IP,
    podName: env.BRICKYARD_POD_NAME || env.HOSTNAME || required.BRICKYARD_POD_IP,
    runtimeDir: required.BRICKYARD_SPARK_RUNTIME,
    nodeType,
    workerNodeType: workerTypeId ? nodeTypeOf('BRICKYARD_WORKER_NODE_TYPE', workerTypeId) : nodeType,
    singleNode: singleNodeOf(env.BRICKYARD_SINGLE_NODE),
    userConf: parseSparkConf(env.BRICKYARD_SPARK_CONF),
    clusterLogDestination: env.BRICKYARD_CLUSTER_LOG_DESTINATION || undefined,
    api:
      env.BRICKYARD_API_URL && env.BRICKYARD_API_TOKEN_FILE
        ? { url: env.BRICKYARD_API_URL, tokenFile: env.BRICKYARD_API_TOKEN_FILE }
        : undefined,
  };
}
