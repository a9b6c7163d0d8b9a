import { integerEnv } from '@brickyard/common/platform-env';
import { INSTANCE_AGENT_NODE_LABEL } from '@brickyard/common/vocabulary';

/**
 * How the cluster controller runs clusters: which image their pods run, where they may be placed,
 * and the timings of autoscaling, auto-termination and scheduling failures. Read from the
 * operator's environment (see config.ts), with short timings for tests.
 */
export interface ClusterSettings {
  /**
   * The image of driver and worker pods (BRICKYARD_RUNTIME_IMAGE).
   * @defaultValue brickyard/runtime
   */
  runtimeImage: string;
  /**
   * The imagePullPolicy of driver and worker pods (BRICKYARD_RUNTIME_PULL_POLICY).
   * @defaultValue IfNotPresent
   */
  runtimePullPolicy: PullPolicy;
  /**
   * The nodeSelector of cluster pods (BRICKYARD_NODE_SELECTOR, `key=value,...`; empty for none).
   * @defaultValue brickyard.dev/instance-agent=true, the instance agent's Nodes
   */
  nodeSelector: Record<string, string>;
  /**
   * Where a cluster pod's instance comes from (BRICKYARD_INSTANCES):
   * - `agent`: the instance agent launches one per pod. The pod selects its node type
   *   (node.kubernetes.io/instance-type), tolerates the instance taint and waits behind the
   *   instance scheduling gate until the agent admits it against the host's memory;
   * - `node-type`: the pod only selects its node type, for a node autoscaler (Karpenter, EKS
   *   managed node groups) to provide;
   * - `none`: the pod goes wherever nodeSelector allows.
   * @defaultValue agent
   */
  instances: InstanceSource;
  /**
   * The bucket whose workspace DBFS roots Spark pods mount at /dbfs (an S3 CSI volume, driver
   * s3.csi.aws.com, which the instance agent serves with s3fs): BRICKYARD_BUCKET unless
   * BRICKYARD_DBFS_MOUNT is false. Undefined: no /dbfs mount.
   */
  dbfsBucket?: string;
  /**
   * How long demand must stay below an autoscaled cluster's size before workers are removed
   * (BRICKYARD_AUTOSCALE_IDLE_MS).
   * @defaultValue 60 000
   */
  scaleDownIdleMs: number;
  /**
   * Outstanding tasks one worker takes (BRICKYARD_AUTOSCALE_TASKS_PER_WORKER): an autoscaled
   * cluster wants ceil((queued + running) / this) workers.
   * @defaultValue 1
   */
  tasksPerWorker: number;
  /**
   * The length of one "minute" of autoterminationMinutes (BRICKYARD_AUTOTERMINATION_MINUTE_MS);
   * tests shorten it.
   * @defaultValue 60 000
   */
  minuteMs: number;
  /**
   * How long the driver or a minimum worker may stay unschedulable before the cluster is in ERROR
   * (BRICKYARD_UNSCHEDULABLE_TIMEOUT_MS).
   * @defaultValue 300 000
   */
  unschedulableTimeoutMs: number;
  /**
   * How often the demand of a running autoscaled cluster is read (BRICKYARD_DEMAND_POLL_MS).
   * @defaultValue 1 000
   */
  demandPollMs: number;
  /**
   * How long a job cluster stays after its run, once TERMINATED (BRICKYARD_JOB_CLUSTER_RETENTION_MS):
   * clusters/get, clusters/events and clusters/list answer for it until then, as on Databricks;
   * then the operator removes its Cluster resource.
   * @defaultValue 2 592 000 000 (30 days)
   */
  jobClusterRetentionMs: number;
}

const INSTANCE_SOURCES = ['agent', 'node-type', 'none'] as const;
type InstanceSource = (typeof INSTANCE_SOURCES)[number];

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
type PullPolicy = (typeof PULL_POLICIES)[number];

export const DEFAULT_CLUSTER_SETTINGS: ClusterSettings = {
  runtimeImage: 'brickyard/runtime',
  runtimePullPolicy: 'IfNotPresent',
  nodeSelector: { [INSTANCE_AGENT_NODE_LABEL]: 'true' },
  instances: 'agent',
  scaleDownIdleMs: 60_000,
  tasksPerWorker: 1,
  minuteMs: 60_000,
  unschedulableTimeoutMs: 5 * 60_000,
  demandPollMs: 1_000,
  jobClusterRetentionMs: 30 * 24 * 3_600_000,
};

/** `a=b,c=d` as a map; an empty string is the empty map. */
export function parseNodeSelector(text: string): Record<string, string> {
  const selector: Record<string, string> = {};
  for (const part of text.split(',').map((item) => item.trim())) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = equals === -1 ? '' : part.slice(0, equals).trim();
    if (key === '') throw new Error(`BRICKYARD_NODE_SELECTOR must be key=value pairs, not '${text}'`);
    selector[key] = part.slice(equals + 1).trim();
  }
  return selector;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly T[], fallback: T): T {
  const value = env[name] || fallback;
  if (!(values as readonly string[]).includes(value)) {
    throw new Error(`${name} must be one of ${values.join(', ')}, not '${value}'`);
  }
  return value as T;
}

/** The cluster settings from the environment, each defaulted when unset. */
export function readClusterSettings(env: NodeJS.ProcessEnv): ClusterSettings {
  const defaults = DEFAULT_CLUSTER_SETTINGS;
  const selector = env.BRICKYARD_NODE_SELECTOR;
  return {
    runtimeImage: env.BRICKYARD_RUNTIME_IMAGE || defaults.runtimeImage,
    runtimePullPolicy: oneOf(env, 'BRICKYARD_RUNTIME_PULL_POLICY', PULL_POLICIES, defaults.runtimePullPolicy),
    nodeSelector: selector === undefined ? { ...defaults.nodeSelector } : parseNodeSelector(selector),
    instances: oneOf(env, 'BRICKYARD_INSTANCES', INSTANCE_SOURCES, defaults.instances),
    ...(env.BRICKYARD_BUCKET && oneOf(env, 'BRICKYARD_DBFS_MOUNT', ['true', 'false'], 'true') === 'true'
      ? { dbfsBucket: env.BRICKYARD_BUCKET }
      : {}),
    scaleDownIdleMs: integerEnv(env, 'BRICKYARD_AUTOSCALE_IDLE_MS', defaults.scaleDownIdleMs, 0),
    tasksPerWorker: integerEnv(env, 'BRICKYARD_AUTOSCALE_TASKS_PER_WORKER', defaults.tasksPerWorker),
    minuteMs: integerEnv(env, 'BRICKYARD_AUTOTERMINATION_MINUTE_MS', defaults.minuteMs),
    unschedulableTimeoutMs: integerEnv(
      env,
      'BRICKYARD_UNSCHEDULABLE_TIMEOUT_MS',
      defaults.unschedulableTimeoutMs,
    ),
    demandPollMs: integerEnv(env, 'BRICKYARD_DEMAND_POLL_MS', defaults.demandPollMs, 50),
    jobClusterRetentionMs: integerEnv(
      env,
      'BRICKYARD_JOB_CLUSTER_RETENTION_MS',
      defaults.jobClusterRetentionMs,
      0,
    ),
  };
}
