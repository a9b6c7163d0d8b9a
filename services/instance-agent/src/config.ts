import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { INSTANCE_AGENT_INSTANCE_TYPE } from '@brickyard/common/vocabulary';
import { parse } from 'yaml';
import { type ImageEntrypoint, imageRepository } from './containers/command-resolution.js';
import { type Ipv4Block, parseCidr } from './node/ip-allocator.js';
import { parseQuantity } from './pods/quantity.js';
import type { RestartBackoff } from './pods/restart-policy.js';

export interface AgentConfig {
  nodes: {
    names: string[];
    instanceType: string;
    /** cpu, memory, pods, ephemeral-storage: capacity and allocatable of each Node. */
    capacity: Record<string, string>;
    /** Extra labels on each Node, besides hostname, os, arch, instance type and the agent label. */
    labels: Record<string, string>;
  };
  /** The instances launched on demand for pods that select a node type (node/instance-plan.ts). */
  instances: InstanceSettings;
  /** Loopback block the pod addresses come from. */
  podCidr: Ipv4Block;
  /** Image repository (no tag) → entrypoint. */
  images: Map<string, ImageEntrypoint>;
  logDir: string;
  /** The agent's own files: `pods/<uid>/volumes/<name>/` holds each pod's volumes. */
  stateDir: string;
  /** How often the content of configMap, secret, downwardAPI and projected volumes is refreshed. */
  volumeResyncSeconds: number;
  /** Working directory of containers that set none; `${repoRoot}` in the config. */
  repoRoot: string;
  kubeletVersion: string;
  heartbeat: { leaseDurationSeconds: number; leaseRenewSeconds: number; statusUpdateSeconds: number };
  restartBackoff: RestartBackoff;
  /** How long the agent's SIGTERM handler lets processes exit before SIGKILL. */
  shutdownGraceSeconds: number;
  process: {
    /** Variables of the agent's own environment passed on to every container (PATH, HOME, ...). */
    inheritEnv: string[];
    /** Variables set for every container before its own env. */
    env: Record<string, string>;
  };
}

export interface InstanceSettings {
  /**
   * Whether this agent launches instances (and adopts the instance Nodes it finds). One agent of a
   * machine does: two would launch for the same pods and run each other's. Off unless configured.
   */
  enabled: boolean;
  /** Host memory kept free for the platform's own processes. */
  reserveBytes: number;
  /** The host memory of a pod without the expected-memory annotation. */
  defaultExpectedBytes: number;
  /** How long a new instance's processes take to reach the memory they were admitted with. */
  settleMs: number;
  /** How long an empty instance waits for another pod of its type before it ends. */
  idleMs: number;
  /** How often instances are planned again besides on pod changes (memory frees, idle ones end). */
  passMs: number;
}

export class ConfigError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigContext {
  /** The repository checkout: working directory of containers and `${repoRoot}`. */
  repoRoot: string;
  /** `${brickyardHome}`: the local platform's state directory. */
  brickyardHome: string;
  /** Relative paths in the file are resolved against this directory. */
  baseDir: string;
  /** Names errors are reported against. */
  file: string;
}

const DEFAULT_CAPACITY = { cpu: '16', memory: '64Gi', pods: '110', 'ephemeral-storage': '100Gi' };
const DEFAULT_INHERIT = ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR'];
const NODE_NAME = /^[a-z0-9]([-a-z0-9.]{0,200}[a-z0-9])?$/;

/** Reads and checks the agent's YAML config file. */
export function loadAgentConfig(file: string, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  const path = resolve(file);
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(path, error instanceof Error ? error.message : String(error));
  }
  const repoRoot = findRepoRoot(import.meta.dirname) ?? process.cwd();
  return parseAgentConfig(raw ?? {}, {
    repoRoot,
    brickyardHome: env.BRICKYARD_HOME || join(repoRoot, '.brickyard'),
    baseDir: dirname(path),
    file: path,
  });
}

/** The nearest directory above `from` holding Brickyard's package.json. */
export function findRepoRoot(from: string): string | undefined {
  let directory = from;
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'brickyard')
          return directory;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** Checks a parsed config and fills in defaults; every problem names its path in the file. */
export function parseAgentConfig(raw: unknown, context: ConfigContext): AgentConfig {
  const fail = (message: string): never => {
    throw new ConfigError(context.file, message);
  };
  const root = record(raw, 'the config', fail);
  const repoRootSetting = optionalString(root.repoRoot, 'repoRoot', fail);
  const repoRoot = repoRootSetting ? resolve(context.baseDir, repoRootSetting) : context.repoRoot;
  const substitute = placeholders({ repoRoot, brickyardHome: context.brickyardHome }, fail);
  const directory = (field: string, fallback: string): string =>
    resolve(context.baseDir, substitute(optionalString(root[field], field, fail) ?? fallback, field));

  const nodesRaw = record(root.nodes ?? {}, 'nodes', fail);
  const nodes = parseNodes(nodesRaw, fail);
  const podCidr = parsePodCidr(root.podCidr, fail);
  const instances = parseInstances(record(root.instances ?? {}, 'instances', fail), fail);
  const images = parseImages(record(root.images ?? {}, 'images', fail), substitute, fail);
  const logDir = directory('logDir', `\${brickyardHome}/logs/pods`);
  const stateDir = directory('stateDir', `\${brickyardHome}/instance-agent`);
  const heartbeat = parseHeartbeat(record(root.heartbeat ?? {}, 'heartbeat', fail), fail);
  const restartBackoff = parseRestartBackoff(record(root.restartBackoff ?? {}, 'restartBackoff', fail), fail);
  const processSettings = parseProcess(record(root.process ?? {}, 'process', fail), substitute, fail);

  return {
    nodes: {
      ...nodes,
      instanceType:
        optionalString(nodesRaw.instanceType, 'nodes.instanceType', fail) ?? INSTANCE_AGENT_INSTANCE_TYPE,
    },
    instances,
    podCidr,
    images,
    logDir,
    stateDir,
    volumeResyncSeconds: integer(root.volumeResyncSeconds ?? 60, 'volumeResyncSeconds', 1, 3600, fail),
    repoRoot,
    kubeletVersion: optionalString(root.kubeletVersion, 'kubeletVersion', fail) ?? 'v1.36.3-brickyard',
    heartbeat,
    restartBackoff,
    shutdownGraceSeconds: number(root.shutdownGraceSeconds ?? 10, 'shutdownGraceSeconds', fail),
    process: processSettings,
  };
}

/** Replaces `${repoRoot}` and `${brickyardHome}` in a value of the file (`where`); others are errors. */
type Substitute = (text: string, where: string) => string;

function placeholders(values: { repoRoot: string; brickyardHome: string }, fail: Fail): Substitute {
  return (text, where) =>
    text.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
      if (name === 'repoRoot') return values.repoRoot;
      if (name === 'brickyardHome') return values.brickyardHome;
      return fail(`${where}: unknown placeholder \${${name}} (use \${repoRoot} or \${brickyardHome})`);
    });
}

/** The Nodes' names (prefix and index), capacity and labels; their instance type is read last. */
function parseNodes(
  nodesRaw: Record<string, unknown>,
  fail: Fail,
): Omit<AgentConfig['nodes'], 'instanceType'> {
  const count = integer(nodesRaw.count ?? 2, 'nodes.count', 1, 1000, fail);
  const prefix = optionalString(nodesRaw.namePrefix, 'nodes.namePrefix', fail) ?? 'brickyard-instance-';
  const names = Array.from({ length: count }, (_, index) => `${prefix}${index}`);
  for (const name of names) {
    if (!NODE_NAME.test(name)) fail(`nodes.namePrefix: "${name}" is not a valid Node name`);
  }
  const capacity: Record<string, string> = { ...DEFAULT_CAPACITY };
  for (const [resource, value] of Object.entries(record(nodesRaw.capacity ?? {}, 'nodes.capacity', fail))) {
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' || parseQuantity(text) === undefined) {
      fail(`nodes.capacity.${resource}: "${String(value)}" is not a resource quantity`);
    }
    capacity[resource] = text as string;
  }
  const labels = stringMap(nodesRaw.labels ?? {}, 'nodes.labels', fail);
  return { names, capacity, labels };
}

function parseInstances(instancesRaw: Record<string, unknown>, fail: Fail): InstanceSettings {
  const bytes = (field: string, fallback: string): number => {
    const value = instancesRaw[field] ?? fallback;
    const parsed = typeof value === 'string' || typeof value === 'number' ? parseQuantity(value) : undefined;
    return parsed !== undefined && parsed >= 0
      ? parsed
      : fail(`instances.${field}: "${String(value)}" is not a memory quantity`);
  };
  const seconds = (field: string, fallback: number): number =>
    number(instancesRaw[field] ?? fallback, `instances.${field}`, fail) * 1000;
  const enabled = instancesRaw.enabled ?? false;
  if (typeof enabled !== 'boolean') fail('instances.enabled must be true or false');
  return {
    enabled: enabled as boolean,
    reserveBytes: bytes('reserveMemory', '1Gi'),
    defaultExpectedBytes: bytes('defaultExpectedMemory', '256Mi'),
    settleMs: seconds('settleSeconds', 60),
    idleMs: seconds('idleSeconds', 30),
    passMs: Math.max(100, seconds('passSeconds', 2)),
  };
}

/** Pods get loopback addresses, so the block must be inside 127.0.0.0/8. */
function parsePodCidr(value: unknown, fail: Fail): Ipv4Block {
  const cidrText = optionalString(value, 'podCidr', fail) ?? '127.32.0.0/16';
  const podCidr =
    parseCidr(cidrText) ?? fail(`podCidr: "${cidrText}" is not an IPv4 CIDR block of /30 or wider`);
  if (Math.floor(podCidr.base / 2 ** 24) !== 127) fail(`podCidr: "${cidrText}" must be inside 127.0.0.0/8`);
  return podCidr;
}

/** Each image as a command list, or as a mapping of command and default args. */
function parseImages(
  imagesRaw: Record<string, unknown>,
  substitute: Substitute,
  fail: Fail,
): Map<string, ImageEntrypoint> {
  const images = new Map<string, ImageEntrypoint>();
  for (const [image, value] of Object.entries(imagesRaw)) {
    const where = `images.${image}`;
    let entrypoint: ImageEntrypoint;
    if (Array.isArray(value)) {
      entrypoint = { command: stringList(value, where, fail), args: [] };
    } else {
      const fields = record(value, where, fail);
      entrypoint = {
        command: stringList(fields.command, `${where}.command`, fail),
        args: stringList(fields.args ?? [], `${where}.args`, fail),
      };
    }
    if (entrypoint.command.length === 0) fail(`${where}.command: must name a program`);
    images.set(imageRepository(image), {
      command: entrypoint.command.map((part) => substitute(part, `${where}.command`)),
      args: entrypoint.args.map((part) => substitute(part, `${where}.args`)),
    });
  }
  return images;
}

/** The Node lease is renewed well within its duration, or the Node would flap NotReady. */
function parseHeartbeat(heartbeatRaw: Record<string, unknown>, fail: Fail): AgentConfig['heartbeat'] {
  const seconds = (field: string, fallback: number): number =>
    integer(heartbeatRaw[field] ?? fallback, `heartbeat.${field}`, 1, 3600, fail);
  const heartbeat = {
    leaseDurationSeconds: seconds('leaseDurationSeconds', 40),
    leaseRenewSeconds: seconds('leaseRenewSeconds', 10),
    statusUpdateSeconds: seconds('statusUpdateSeconds', 30),
  };
  if (heartbeat.leaseRenewSeconds >= heartbeat.leaseDurationSeconds) {
    fail('heartbeat.leaseRenewSeconds must be shorter than heartbeat.leaseDurationSeconds');
  }
  return heartbeat;
}

function parseRestartBackoff(backoffRaw: Record<string, unknown>, fail: Fail): RestartBackoff {
  const initialSeconds = number(backoffRaw.initialSeconds ?? 1, 'restartBackoff.initialSeconds', fail);
  const maxSeconds = number(backoffRaw.maxSeconds ?? 10, 'restartBackoff.maxSeconds', fail);
  if (maxSeconds < initialSeconds) fail('restartBackoff.maxSeconds must not be below initialSeconds');
  return { initialMs: initialSeconds * 1000, maxMs: maxSeconds * 1000 };
}

function parseProcess(
  processRaw: Record<string, unknown>,
  substitute: Substitute,
  fail: Fail,
): AgentConfig['process'] {
  const inheritEnv = stringList(processRaw.inheritEnv ?? DEFAULT_INHERIT, 'process.inheritEnv', fail);
  const env = stringMap(processRaw.env ?? {}, 'process.env', fail);
  for (const [name, value] of Object.entries(env)) env[name] = substitute(value, `process.env.${name}`);
  return { inheritEnv, env };
}

type Fail = (message: string) => never;

function record(value: unknown, where: string, fail: Fail): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return fail(`${where} must be a mapping`);
  return value as Record<string, unknown>;
}

function optionalString(value: unknown, where: string, fail: Fail): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') return fail(`${where} must be a non-empty string`);
  return value;
}

function number(value: unknown, where: string, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    return fail(`${where} must be a number of at least 0`);
  }
  return value;
}

function integer(value: unknown, where: string, min: number, max: number, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return fail(`${where} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function stringList(value: unknown, where: string, fail: Fail): string[] {
  if (!Array.isArray(value)) return fail(`${where} must be a list of strings`);
  return value.map((item, index) => {
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    if (typeof item !== 'string') return fail(`${where}[${index}] must be a string`);
    return item;
  });
}

function stringMap(value: unknown, where: string, fail: Fail): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(record(value, where, fail))) {
    if (typeof item === 'number' || typeof item === 'boolean') result[key] = String(item);
    else if (typeof item === 'string') result[key] = item;
    else fail(`${where}.${key} must be a string`);
  }
  return result;
}
