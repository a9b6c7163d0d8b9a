import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadKubeConfig } from '@brickyard/common/kube';
import {
  ApiException,
  CoordinationV1Api,
  CoreV1Api,
  type V1Container,
  type V1Node,
  type V1Pod,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.js';
import { sourceEntry } from './support/source-entry.js';
import { waitFor } from './support/wait-for.js';

/**
 * The instance agent against the real apiserver, kube-scheduler and kube-controller-manager: it
 * runs as a child process with its own Nodes (unique names, its own loopback block), so it never
 * meets the agent of `make up`. The pods run a small node script that records its environment,
 * serves HTTP on its pod IP and notes SIGTERM.
 */
const kubeConfig = loadKubeConfig(process.env.KUBECONFIG || undefined);
const core = kubeConfig.makeApiClient(CoreV1Api);
const coordination = kubeConfig.makeApiClient(CoordinationV1Api);
const repoRoot = resolve(import.meta.dirname, '../..');
const suffix = randomUUID().slice(0, 8);
const nodeNames = [`it-agent-${suffix}-0`, `it-agent-${suffix}-1`];
const namespace = `it-agent-${suffix}`;
const octet = randomInt(64, 250);
const podCidrPrefix = `127.${octet}.`;
const workDir = mkdtempSync(join(tmpdir(), 'it-agent-'));
const outDir = join(workDir, 'out');
const logDir = join(workDir, 'pod-logs');
const configFile = join(workDir, 'instance-agent.yaml');
const agentLog = join(workDir, 'agent.log');

/** Records pid, cwd and env; exits with EXIT_CODE if set; else serves HTTP; notes SIGTERM. */
const SCRIPT = `
const fs = require('fs');
const http = require('http');
const out = process.env.OUT_DIR;
const name = process.env.POD_NAME;
fs.writeFileSync(out + '/' + name + '-' + process.pid + '.json', JSON.stringify({ pid: process.pid, cwd: process.cwd(), env: process.env }));
console.log('started ' + name + ' pid ' + process.pid);
process.on('SIGTERM', () => {
  fs.writeFileSync(out + '/' + name + '.sigterm', String(process.pid));
  process.exit(0);
});
if (process.env.EXIT_CODE !== undefined) process.exit(Number(process.env.EXIT_CODE));
http.createServer((request, response) => response.end(name)).listen(8080, process.env.BRICKYARD_POD_IP);
`;

let agent: ChildProcess | undefined;
let agentPort = 0;

function startAgent(): ChildProcess {
  const log = openSync(agentLog, 'a');
  const child = spawn(
    process.execPath,
    [...sourceEntry('services/instance-agent/src/main.ts'), '--config', configFile],
    {
      cwd: repoRoot,
      env: { ...process.env, BRICKYARD_AGENT_PORT: String(agentPort), LOG_LEVEL: 'debug' },
      stdio: ['ignore', log, log],
    },
  );
  return child;
}

async function stopAgent(): Promise<void> {
  const child = agent;
  agent = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

/** Waits for a condition of the agent's doing; a timeout points at the agent's log. */
function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  return waitFor(what, probe, { timeoutMs, hint: `agent log: ${agentLog}` });
}

async function podWhere(name: string, test: (pod: V1Pod) => boolean, timeoutMs?: number): Promise<V1Pod> {
  return eventually(
    `pod ${name}`,
    async () => {
      const pod = await core.readNamespacedPod({ name, namespace });
      return test(pod) ? pod : undefined;
    },
    timeoutMs,
  );
}

const isReady = (pod: V1Pod): boolean =>
  pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ??
  false;

const pidOf = (pod: V1Pod): number =>
  Number(pod.status?.containerStatuses?.[0]?.containerID?.replace('brickyard://', ''));

function scriptContainer(env: V1Container['env'] = [], fields: Partial<V1Container> = {}): V1Container {
  return {
    name: 'main',
    image: 'brickyard/it-node:test',
    args: ['-e', SCRIPT],
    env: [
      { name: 'OUT_DIR', value: outDir },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ...(env ?? []),
    ],
    ...fields,
  };
}

async function createPod(
  name: string,
  container: V1Container,
  restartPolicy: 'Always' | 'Never' = 'Always',
  initContainers: V1Container[] = [],
): Promise<void> {
  await core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name, labels: { app: 'it-agent' } },
      spec: {
        restartPolicy,
        terminationGracePeriodSeconds: 10,
        // Only this test's Nodes: the agent of `make up` may have Nodes of its own.
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: nodeNames }] },
              ],
            },
          },
        },
        initContainers,
        containers: [container],
      },
    },
  });
}

function recordedEnv(name: string, pid: number): Record<string, string> {
  const file = join(outDir, `${name}-${pid}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { env: Record<string, string> }).env;
}

const webEnv: V1Container['env'] = [
  { name: 'SECRET_VALUE', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
  { name: 'CONFIG_VALUE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } },
  { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
  { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
  { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
];
const webFields: Partial<V1Container> = {
  envFrom: [{ configMapRef: { name: 'settings' }, prefix: 'CFG_' }],
  ports: [{ name: 'http', containerPort: 8080 }],
  readinessProbe: { httpGet: { port: 'http', path: '/' }, periodSeconds: 1 },
};

describe('the instance agent', () => {
  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    agentPort = await freePort();
    writeFileSync(
      configFile,
      [
        `nodes: { count: 2, namePrefix: it-agent-${suffix}-, capacity: { cpu: "4", memory: 8Gi, pods: "20" } }`,
        `podCidr: 127.${octet}.0.0/16`,
        'images:',
        '  brickyard/it-node: { command: [node] }',
        `logDir: ${logDir}`,
        'heartbeat: { leaseDurationSeconds: 40, leaseRenewSeconds: 2, statusUpdateSeconds: 5 }',
        'restartBackoff: { initialSeconds: 1, maxSeconds: 2 }',
        'shutdownGraceSeconds: 5',
        '',
      ].join('\n'),
    );
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'creds' }, stringData: { password: 's3cret' } },
    });
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'settings' }, data: { mode: 'fast', level: '3' } },
    });
    agent = startAgent();
  }, 60_000);

  afterAll(async () => {
    // The agent finalizes the deletion of its pods, so the namespace goes before the agent does.
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
    if (agent) {
      await eventually('the test pods to be gone', async () => {
        const pods = await core.listNamespacedPod({ namespace });
        return pods.items.length === 0 ? true : undefined;
      }).catch(() => undefined);
    }
    await stopAgent();
    for (const name of nodeNames) await core.deleteNode({ name }).catch(() => undefined);
    // KEEP_AGENT_TEST_DIR=1 keeps the agent's log, the pod logs and the scripts' records.
    if (!process.env.KEEP_AGENT_TEST_DIR) rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  it('registers its Nodes, which become Ready and lose the not-ready taint', async () => {
    await eventually('agent readiness', async () => {
      const response = await fetch(`http://127.0.0.1:${agentPort}/readyz`);
      return response.ok ? true : undefined;
    });
    const nodes = await Promise.all(
      nodeNames.map((name) =>
        eventually<V1Node>(`node ${name} Ready and untainted`, async () => {
          const node = await core.readNode({ name });
          const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
          const tainted = node.spec?.taints?.some((taint) => taint.key.startsWith('node.kubernetes.io/'));
          return ready?.status === 'True' && !tainted ? node : undefined;
        }),
      ),
    );
    for (const node of nodes) {
      expect(node.metadata?.labels).toMatchObject({
        'kubernetes.io/hostname': node.metadata?.name,
        'node.kubernetes.io/instance-type': 'brickyard-local',
        'brickyard.dev/instance-agent': 'true',
      });
      expect(node.status?.allocatable).toMatchObject({ cpu: '4', memory: '8Gi', pods: '20' });
      expect(node.status?.addresses).toContainEqual({ type: 'InternalIP', address: '127.0.0.1' });
      expect(node.status?.nodeInfo?.kubeletVersion).toBe('v1.36.3-brickyard');
      const lease = await coordination.readNamespacedLease({
        name: node.metadata?.name ?? '',
        namespace: 'kube-node-lease',
      });
      expect(lease.spec?.holderIdentity).toBe(node.metadata?.name);
    }
  });

  it('runs a scheduled pod as a process with its env, own pod IP and readiness', async () => {
    await createPod('web-a', scriptContainer(webEnv, webFields));
    await createPod('web-b', scriptContainer(webEnv, webFields));
    const pods = await Promise.all(['web-a', 'web-b'].map((name) => podWhere(name, isReady)));
    for (const pod of pods) {
      const name = pod.metadata?.name ?? '';
      const podIP = pod.status?.podIP ?? '';
      expect(nodeNames).toContain(pod.spec?.nodeName);
      expect(pod.status?.phase).toBe('Running');
      expect(podIP.startsWith(podCidrPrefix)).toBe(true);
      expect(pod.status?.hostIP).toBe('127.0.0.1');
      expect(pod.status?.qosClass).toBe('BestEffort');
      const status = pod.status?.containerStatuses?.[0];
      expect(status).toMatchObject({ name: 'main', ready: true, started: true, restartCount: 0 });
      expect(status?.containerID).toMatch(/^brickyard:\/\/\d+$/);
      const env = recordedEnv(name, pidOf(pod));
      expect(env).toMatchObject({
        SECRET_VALUE: 's3cret',
        CONFIG_VALUE: 'fast',
        CFG_mode: 'fast',
        CFG_level: '3',
        POD_NAME: name,
        // As a container runtime sets it; Spark executors inherit it (the pod's name, not the machine's).
        HOSTNAME: name,
        NODE_NAME: pod.spec?.nodeName,
        POD_IP: podIP,
        BRICKYARD_POD_IP: podIP,
        APP: 'it-agent',
      });
      // Both pods listen on port 8080, each on its own loopback address.
      expect(await (await fetch(`http://${podIP}:8080/`)).text()).toBe(name);
    }
    expect(pods[0]?.status?.podIP).not.toBe(pods[1]?.status?.podIP);
    const log = readFileSync(join(logDir, `${namespace}_web-a_main.log`), 'utf8');
    expect(log).toContain('started web-a pid');
  });

  it('restarts a killed process under restartPolicy Always', async () => {
    const before = await podWhere('web-a', isReady);
    const pid = pidOf(before);
    process.kill(pid, 'SIGKILL');
    const after = await podWhere(
      'web-a',
      (pod) => pod.status?.containerStatuses?.[0]?.restartCount === 1 && isReady(pod),
    );
    const status = after.status?.containerStatuses?.[0];
    expect(status?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(pidOf(after)).not.toBe(pid);
    expect(recordedEnv('web-a', pidOf(after)).SECRET_VALUE).toBe('s3cret');
  });

  it('ends a pod with restartPolicy Never as Succeeded or Failed by its exit code', async () => {
    await createPod('exit-zero', scriptContainer([{ name: 'EXIT_CODE', value: '0' }]), 'Never');
    await createPod('exit-three', scriptContainer([{ name: 'EXIT_CODE', value: '3' }]), 'Never');
    const succeeded = await podWhere('exit-zero', (pod) => pod.status?.phase === 'Succeeded');
    expect(succeeded.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
    const failed = await podWhere('exit-three', (pod) => pod.status?.phase === 'Failed');
    expect(failed.status?.containerStatuses?.[0]).toMatchObject({
      restartCount: 0,
      state: { terminated: { exitCode: 3, reason: 'Error' } },
    });
  });

  it('runs init containers to completion before the containers', async () => {
    const setup: V1Container = {
      name: 'setup',
      image: 'brickyard/it-node',
      command: [
        'node',
        '-e',
        "require('fs').writeFileSync(process.env.OUT_DIR + '/with-init.setup', 'done')",
      ],
      env: [{ name: 'OUT_DIR', value: outDir }],
    };
    await createPod('with-init', scriptContainer(), 'Always', [setup]);
    const pod = await podWhere('with-init', isReady);
    expect(pod.status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
    expect(pod.status?.conditions?.find((condition) => condition.type === 'Initialized')?.status).toBe(
      'True',
    );
    expect(readFileSync(join(outDir, 'with-init.setup'), 'utf8')).toBe('done');
  });

  it('holds a container whose secret key is missing in CreateContainerConfigError', async () => {
    await createPod(
      'bad-config',
      scriptContainer([{ name: 'X', valueFrom: { secretKeyRef: { name: 'creds', key: 'absent' } } }]),
    );
    const pod = await podWhere(
      'bad-config',
      (candidate) =>
        candidate.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CreateContainerConfigError',
    );
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.message).toBe(
      `couldn't find key absent in Secret ${namespace}/creds`,
    );
  });

  it('stops a deleted pod with SIGTERM and removes the pod object', async () => {
    const pod = await podWhere('web-a', isReady);
    const pid = pidOf(pod);
    await core.deleteNamespacedPod({ name: 'web-a', namespace });
    await eventually('web-a to disappear', async () => {
      try {
        await core.readNamespacedPod({ name: 'web-a', namespace });
        return undefined;
      } catch (error) {
        return error instanceof ApiException && error.code === 404 ? true : undefined;
      }
    });
    expect(readFileSync(join(outDir, 'web-a.sigterm'), 'utf8')).toBe(String(pid));
  });

  it('reports its pods and process starts as metrics', async () => {
    const text = await (await fetch(`http://127.0.0.1:${agentPort}/metrics`)).text();
    expect(text).toMatch(/brickyard_agent_pods\{phase="Running"\} [1-9]/);
    expect(text).toMatch(/brickyard_agent_container_restarts_total [1-9]/);
    expect(text).toMatch(/brickyard_agent_process_starts_total [1-9]/);
  });

  it('stops its processes on SIGTERM and starts the pods again when it comes back', async () => {
    const before = await podWhere('web-b', isReady);
    const pid = pidOf(before);
    const restarts = before.status?.containerStatuses?.[0]?.restartCount ?? 0;
    await stopAgent();
    expect(existsSync(join(outDir, 'web-b.sigterm'))).toBe(true);
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    agent = startAgent();
    const after = await podWhere(
      'web-b',
      (pod) => pod.status?.containerStatuses?.[0]?.restartCount === restarts + 1 && isReady(pod),
    );
    expect(after.status?.podIP).toBe(before.status?.podIP);
    expect(pidOf(after)).not.toBe(pid);
    expect(after.status?.containerStatuses?.[0]?.lastState?.terminated?.reason).toBe(
      'ContainerStatusUnknown',
    );
    // Pods that had finished stay finished.
    expect((await core.readNamespacedPod({ name: 'exit-zero', namespace })).status?.phase).toBe('Succeeded');
    const files = readdirSync(outDir).filter((file) => file.startsWith('exit-zero-'));
    expect(files).toHaveLength(1);
  });

  it('replaces, not duplicates, a process left behind by an agent killed with SIGKILL', async () => {
    const before = await podWhere('web-b', isReady);
    const pid = pidOf(before);
    const restarts = before.status?.containerStatuses?.[0]?.restartCount ?? 0;
    const killed = agent;
    agent = undefined;
    if (!killed) throw new Error('the agent is not running');
    const exited = new Promise((done) => killed.once('exit', done));
    killed.kill('SIGKILL');
    await exited;
    expect(isRunning(pid)).toBe(true);
    agent = startAgent();
    const after = await podWhere(
      'web-b',
      (pod) => pod.status?.containerStatuses?.[0]?.restartCount === restarts + 1 && isReady(pod),
    );
    expect(pidOf(after)).not.toBe(pid);
    expect(isRunning(pid)).toBe(false);
  });
});

/** Alive and not a zombie waiting for its (new) parent to reap it. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
