import { join } from 'node:path';
import type { V1Container } from '@kubernetes/client-node';
import type { AgentConfig } from '../config.js';
import { resolveCommand } from '../containers/command-resolution.js';
import type { ProcessSpec } from '../containers/container-process.js';
import { CONTAINER_NAME_VARIABLE, POD_UID_VARIABLE } from '../containers/orphan-process.js';
import type { DownwardContext } from '../env/downward-api.js';
import { type EnvSources, resolveContainerEnv } from '../env/env-resolution.js';
import { type MountSupport, namespacedArgv } from '../volumes/mount-namespace.js';
import { planMounts } from '../volumes/mount-plan.js';

/** What the process of one container is started from, besides the container spec. */
export interface LaunchContext {
  /** The pod as the worker sees it, with its podIP and the Node's hostIP and allocatable. */
  downward: DownwardContext;
  uid: string;
  /** The Secrets and ConfigMaps the container's env refers to, fetched for this start. */
  sources: EnvSources;
  /** The host directory of each of the pod's volumes. */
  volumeDir: (volume: string) => string;
  config: Pick<AgentConfig, 'images' | 'repoRoot' | 'logDir'>;
  baseEnv: Readonly<Record<string, string>>;
  serviceEnv: Readonly<Record<string, string>>;
  mountSupport: MountSupport;
}

/**
 * How to start a container's process, or why it cannot start: the reason is what the container's
 * waiting state reports (CreateContainerConfigError, ErrImagePull, ...), and the worker retries.
 */
export type Launch =
  | { ok: true; process: ProcessSpec; command: readonly string[] }
  | { ok: false; reason: string; message: string };

/**
 * The process of a container, as the kubelet would run it: its env resolved, its image mapped to
 * a command, its volumeMounts bound in a private mount namespace, the variables that identify the
 * pod and container (also to the next agent, which kills what an earlier one left behind) set.
 */
export function planLaunch(spec: V1Container, context: LaunchContext): Launch {
  const { downward, config } = context;
  const { pod } = downward;
  const name = pod.metadata?.name ?? '';
  const namespace = pod.metadata?.namespace ?? '';
  const resolved = resolveContainerEnv(spec, downward, context.sources, context.serviceEnv);
  if (!resolved.ok) return { ok: false, reason: 'CreateContainerConfigError', message: resolved.message };
  const command = resolveCommand(spec, config.images, resolved.env);
  if (!command.ok) return command;
  const mounts = planMounts(spec, pod.spec?.volumes ?? [], context.volumeDir, resolved.env);
  if (!mounts.ok) return { ok: false, reason: 'CreateContainerConfigError', message: mounts.message };
  const support = context.mountSupport;
  if (mounts.mounts.length > 0 && !support.ok) {
    return {
      ok: false,
      reason: 'CreateContainerConfigError',
      message: `volumeMounts need a mount namespace, which the instance agent cannot create here: ${support.reason}`,
    };
  }
  const cwd = spec.workingDir || config.repoRoot;
  // With mounts, the wrapper changes directory once the mounts (which may hold cwd) are in place.
  const run =
    mounts.mounts.length > 0 && support.ok
      ? {
          argv: namespacedArgv(support, mounts.mounts, cwd, command.argv, config.repoRoot),
          cwd: '/',
          reportsSetup: true,
        }
      : { argv: command.argv, cwd };
  const env: Record<string, string> = {
    ...context.baseEnv,
    HOSTNAME: name,
    ...resolved.env,
    BRICKYARD_POD_IP: downward.podIP,
    BRICKYARD_POD_NAME: name,
    BRICKYARD_POD_NAMESPACE: namespace,
    BRICKYARD_NODE_NAME: pod.spec?.nodeName ?? '',
    [POD_UID_VARIABLE]: context.uid,
    [CONTAINER_NAME_VARIABLE]: spec.name,
  };
  const logFile = join(config.logDir, `${namespace}_${name}_${spec.name}.log`);
  return { ok: true, process: { ...run, env, logFile }, command: command.argv };
}
