import { parseArgs } from 'node:util';
import { backoffDelay, loadKubeConfig } from '@brickyard/common/kube';
import { startHealthServer } from '@brickyard/common/observability';
import { INSTANCE_AGENT_NAME } from '@brickyard/common/vocabulary';
import { CoordinationV1Api, CoreV1Api } from '@kubernetes/client-node';
import { pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { loadAgentConfig } from './config.js';
import { kubernetesServiceEnv } from './env/kubernetes-service-env.js';
import { createAgentMetrics } from './metrics.js';
import { readMemAvailable } from './node/host-memory.js';
import { InstanceNode } from './node/instance-node.js';
import { InstanceProvisioner } from './node/instance-provisioner.js';
import { formatIpv4, PodIpAllocator } from './node/ip-allocator.js';
import { machineFacts, nodeIdentities } from './node/node-identity.js';
import { PodManager } from './pods/pod-manager.js';
import { probeMountNamespaces } from './volumes/mount-namespace.js';
import { kubeConfigCa } from './volumes/volume-sources.js';

/**
 * The instance agent: the kubelet role on a machine without a container runtime. It registers
 * the configured Nodes, keeps them Ready, and runs the pods the scheduler binds to them as local
 * processes. Processes do not survive the agent: on SIGTERM it stops them, and the next agent
 * starts the pods it finds bound to its Nodes again (restartCount + 1).
 *
 *   KUBECONFIG=... node services/instance-agent/dist/main.js --config deploy/local/instance-agent.yaml
 */
const HOST_IP = '127.0.0.1';

const { values } = parseArgs({ options: { config: { type: 'string' } } });
const configFile = values.config ?? process.env.BRICKYARD_AGENT_CONFIG;
if (!configFile) {
  process.stderr.write('usage: instance-agent --config <file> (KUBECONFIG selects the cluster)\n');
  process.exit(2);
}
const config = loadAgentConfig(configFile);
const log = pino({ name: INSTANCE_AGENT_NAME, level: process.env.LOG_LEVEL || 'info' });
const port = Number(process.env.BRICKYARD_AGENT_PORT ?? '18082');
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  throw new Error(`BRICKYARD_AGENT_PORT must be a port number, not '${process.env.BRICKYARD_AGENT_PORT}'`);
}
const host = process.env.BRICKYARD_AGENT_HOST || '127.0.0.1';
const kubeConfig = loadKubeConfig(process.env.KUBECONFIG || undefined);
const core = kubeConfig.makeApiClient(CoreV1Api);
const coordination = kubeConfig.makeApiClient(CoordinationV1Api);
const mountSupport = await probeMountNamespaces();
if (!mountSupport.ok) {
  log.warn({ reason: mountSupport.reason }, 'No mount namespaces: pods with volumeMounts will not start');
}

const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'brickyard_agent_' });
const machine = machineFacts(config, port, HOST_IP);
const nodes = nodeIdentities(config, machine).map(
  (identity) => new InstanceNode({ core, coordination, identity, heartbeat: config.heartbeat, log }),
);
const instances = config.instances.enabled
  ? new InstanceProvisioner({
      kubeConfig,
      core,
      coordination,
      machine,
      heartbeat: config.heartbeat,
      settings: config.instances,
      readAvailableBytes: () => readMemAvailable(),
      log,
      clock: Date.now,
    })
  : undefined;
const configuredNodes = new Set(config.nodes.names);
const baseEnv: Record<string, string> = {};
for (const name of config.process.inheritEnv) {
  const value = process.env[name];
  if (value !== undefined) baseEnv[name] = value;
}
Object.assign(baseEnv, config.process.env);

let podPhases: () => Iterable<'Pending' | 'Running' | 'Succeeded' | 'Failed'> = () => [];
const metrics = createAgentMetrics(registry, () => podPhases());
const pods = new PodManager({
  kubeConfig,
  core,
  ownsNode: (name) => configuredNodes.has(name) || (instances?.owns(name) ?? false),
  config,
  ipPool: new PodIpAllocator(config.podCidr),
  metrics,
  log,
  hostIP: HOST_IP,
  allocatable: config.nodes.capacity,
  baseEnv,
  clock: Date.now,
  mountSupport,
  serviceEnv: kubernetesServiceEnv(kubeConfig.getCurrentCluster()?.server ?? ''),
  rootCa: kubeConfigCa(kubeConfig),
});
podPhases = () => pods.phases();

const server = await startHealthServer({
  host,
  port,
  registry,
  readiness: () => {
    const registered = nodes.filter((node) => node.registered).length;
    return {
      ready: registered === nodes.length && pods.synced,
      detail: {
        nodes: nodes.length,
        registered,
        instances: instances?.count ?? 0,
        podsSynced: pods.synced,
        pods: pods.podCount,
      },
    };
  },
});

let shuttingDown = false;

/** Registers every Node, retrying with backoff while the apiserver is unreachable. */
async function registerNodes(): Promise<void> {
  await Promise.all(
    nodes.map(async (node) => {
      for (let failures = 1; !shuttingDown; failures++) {
        try {
          await node.register();
          node.start();
          return;
        } catch (error) {
          const retryInMs = backoffDelay(failures, 500, 10_000);
          log.warn({ err: error, node: node.name, retryInMs }, 'Failed to register Node');
          await new Promise((resolve) => setTimeout(resolve, retryInMs));
        }
      }
    }),
  );
}

async function shutDown(signal: NodeJS.Signals): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  const graceMs = config.shutdownGraceSeconds * 1000;
  log.info({ signal, graceMs }, 'Shutting down, stopping container processes');
  setTimeout(() => {
    log.error('Shutdown took too long, exiting');
    process.exit(1);
  }, graceMs + 10_000).unref();
  for (const node of nodes) node.stop();
  await instances?.stop();
  await pods.shutdown(graceMs);
  await new Promise((resolve) => server.close(resolve));
  log.info('Stopped instance agent; its Nodes stay registered and go NotReady');
  process.exit(0);
}
process.on('SIGTERM', (signal) => void shutDown(signal));
process.on('SIGINT', (signal) => void shutDown(signal));

log.info(
  {
    nodes: config.nodes.names,
    podCidr: `${formatIpv4(config.podCidr.base)}/${config.podCidr.prefix}`,
    logDir: config.logDir,
    stateDir: config.stateDir,
    mountNamespaces: mountSupport.ok,
    address: `${host}:${port}`,
  },
  'Starting instance agent',
);
await registerNodes();
if (!shuttingDown) {
  // Instances first: the pods bound to them are the agent's to run.
  await instances?.start();
  await pods.start();
  log.info({ nodes: config.nodes.names, pods: pods.podCount }, 'Started instance agent');
}
