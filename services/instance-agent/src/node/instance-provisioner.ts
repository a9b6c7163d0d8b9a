import { randomBytes } from 'node:crypto';
import { findNodeType } from '@brickyard/common/catalog';
import { isNotFound, kubeTime, ResilientInformer, timeMs } from '@brickyard/common/kube';
import {
  INSTANCE_CAPACITY_CONDITION,
  INSTANCE_LABEL,
  INSTANCE_LIFECYCLE,
  INSTANCE_SCHEDULING_GATE,
  INSTANCE_TAINT,
  INSTANCE_TYPE_LABEL,
  INSUFFICIENT_CAPACITY_REASON,
  InstanceAnnotations,
} from '@brickyard/common/vocabulary';
import {
  type CoordinationV1Api,
  type CoreV1Api,
  type KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Node,
  type V1Pod,
} from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { AgentConfig, InstanceSettings } from '../config.js';
import { parseQuantity } from '../pods/quantity.js';
import { InstanceNode } from './instance-node.js';
import { type Instance, planInstances, settlingBytes, type WaitingPod } from './instance-plan.js';
import { instanceIdentity, type MachineFacts } from './node-identity.js';

export interface InstanceProvisionerOptions {
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  coordination: CoordinationV1Api;
  machine: MachineFacts;
  heartbeat: AgentConfig['heartbeat'];
  settings: InstanceSettings;
  /** The host's available memory in bytes. */
  readAvailableBytes: () => Promise<number>;
  log: Logger;
  clock: () => number;
}

interface LiveInstance {
  node: InstanceNode;
  instanceType: string;
  launchedFor: string | undefined;
  launchedAtMs: number;
  emptySinceMs: number | undefined;
}

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const STRATEGIC_PATCH = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);
const SELECTOR = `${INSTANCE_LABEL}=${INSTANCE_LIFECYCLE}`;

/** An EC2-style instance ID: i- and 17 hex digits. */
function newInstanceName(): string {
  return `i-0${randomBytes(8).toString('hex')}`;
}

function tolerates(pod: V1Pod): boolean {
  return (pod.spec?.tolerations ?? []).some(
    (toleration) =>
      toleration.key === INSTANCE_TAINT.key &&
      (toleration.operator === 'Exists' || toleration.value === INSTANCE_TAINT.value) &&
      (toleration.effect === undefined || toleration.effect === INSTANCE_TAINT.effect),
  );
}

const isGated = (pod: V1Pod): boolean =>
  (pod.spec?.schedulingGates ?? []).some((gate) => gate.name === INSTANCE_SCHEDULING_GATE);

const isFinished = (pod: V1Pod): boolean =>
  pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/**
 * The EC2 role of the agent: launches an instance (a Node of the pod's node type, run by this
 * agent) for each pod that selects a node type and has none, within the host's memory
 * (instance-plan.ts), and ends instances once their pod is gone. A pod refused for lack of memory
 * gets the INSTANCE_CAPACITY_CONDITION, which the operator turns into Databricks'
 * AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE. Instances outlive an agent restart: the next agent
 * adopts the Nodes it finds with the instance label.
 */
export class InstanceProvisioner {
  private readonly instances = new Map<string, LiveInstance>();
  private readonly pods = new Map<string, V1Pod>();
  private readonly informer: ResilientInformer<V1Pod>;
  private timer: NodeJS.Timeout | undefined;
  private passing = false;
  private passAgain = false;
  private stopped = false;

  constructor(private readonly options: InstanceProvisionerOptions) {
    const onPod = (pod: V1Pod) => {
      if (pod.metadata?.uid) this.pods.set(pod.metadata.uid, pod);
      this.requestPass();
    };
    this.informer = new ResilientInformer<V1Pod>({
      name: 'pods-for-instances',
      kubeConfig: options.kubeConfig,
      path: '/api/v1/pods',
      list: () => options.core.listPodForAllNamespaces(),
      handlers: {
        add: onPod,
        update: onPod,
        delete: (pod) => {
          if (pod.metadata?.uid) this.pods.delete(pod.metadata.uid);
          this.requestPass();
        },
      },
      log: options.log,
    });
  }

  owns(nodeName: string): boolean {
    return this.instances.has(nodeName);
  }

  get count(): number {
    return this.instances.size;
  }

  /** Adopts the instances a previous agent launched, then starts planning. */
  async start(): Promise<void> {
    const existing = await this.options.core.listNode({ labelSelector: SELECTOR });
    for (const node of existing.items) await this.adopt(node);
    await this.informer.start();
    this.schedule();
  }

  /** Stops planning and the heartbeats; the instances stay, for the next agent to adopt. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.informer.stop();
    for (const instance of this.instances.values()) instance.node.stop();
  }

  private async adopt(node: V1Node): Promise<void> {
    const name = node.metadata?.name ?? '';
    const nodeType = findNodeType(node.metadata?.labels?.[INSTANCE_TYPE_LABEL] ?? '');
    if (!nodeType) {
      this.options.log.warn({ node: name }, 'Instance Node of an unknown node type; leaving it alone');
      return;
    }
    const launchedFor = node.metadata?.annotations?.[InstanceAnnotations.launchedFor];
    await this.run(name, nodeType.node_type_id, launchedFor, timeMs(node.metadata?.creationTimestamp));
  }

  /** Registers (or takes over) an instance's Node and starts its heartbeats. */
  private async run(
    name: string,
    instanceType: string,
    launchedFor: string | undefined,
    launchedAtMs: number | undefined,
  ): Promise<void> {
    const nodeType = findNodeType(instanceType);
    if (!nodeType) return;
    const { core, coordination, heartbeat, log, machine } = this.options;
    const node = new InstanceNode({
      core,
      coordination,
      identity: instanceIdentity(machine, name, nodeType, launchedFor),
      heartbeat,
      log,
    });
    const now = this.options.clock();
    this.instances.set(name, {
      node,
      instanceType,
      launchedFor,
      launchedAtMs: launchedAtMs ?? now,
      emptySinceMs: undefined,
    });
    try {
      await node.register();
    } catch (error) {
      this.instances.delete(name);
      throw error;
    }
    node.start();
  }

  private requestPass(): void {
    if (this.stopped) return;
    if (this.passing) {
      this.passAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.pass(), 50);
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.pass(), this.options.settings.passMs);
  }

  private pass(): void {
    this.passing = true;
    this.passAgain = false;
    this.plan()
      .catch((error: unknown) => this.options.log.warn({ err: error }, 'Failed to plan instances'))
      .finally(() => {
        this.passing = false;
        if (this.passAgain) this.requestPass();
        else this.schedule();
      });
  }

  private expectedBytes(pod: V1Pod): number {
    const annotated = pod.metadata?.annotations?.[InstanceAnnotations.expectedMemory];
    const parsed = annotated === undefined ? undefined : parseQuantity(annotated);
    return parsed ?? this.options.settings.defaultExpectedBytes;
  }

  /** Pods that select a known node type, tolerate the instance taint and are bound to no Node. */
  private waitingPods(): WaitingPod[] {
    const waiting: WaitingPod[] = [];
    for (const pod of this.pods.values()) {
      const instanceType = pod.spec?.nodeSelector?.[INSTANCE_TYPE_LABEL];
      if (pod.spec?.nodeName || pod.metadata?.deletionTimestamp || isFinished(pod)) continue;
      if (!instanceType || !findNodeType(instanceType) || !tolerates(pod)) continue;
      waiting.push({
        uid: pod.metadata?.uid ?? '',
        key: `${pod.metadata?.namespace}/${pod.metadata?.name}`,
        instanceType,
        expectedMemoryBytes: this.expectedBytes(pod),
        admitted: !isGated(pod),
      });
    }
    return waiting.sort((a, b) => a.key.localeCompare(b.key));
  }

  private observedInstances(now: number): Instance[] {
    const podsByNode = new Map<string, number>();
    for (const pod of this.pods.values()) {
      const nodeName = pod.spec?.nodeName;
      if (nodeName && !isFinished(pod)) podsByNode.set(nodeName, (podsByNode.get(nodeName) ?? 0) + 1);
    }
    return [...this.instances].map(([name, instance]) => {
      const pods = podsByNode.get(name) ?? 0;
      instance.emptySinceMs = pods > 0 ? undefined : (instance.emptySinceMs ?? now);
      return {
        name,
        instanceType: instance.instanceType,
        launchedFor: instance.launchedFor,
        launchedAtMs: instance.launchedAtMs,
        pods,
        emptySinceMs: instance.emptySinceMs,
      };
    });
  }

  private async plan(): Promise<void> {
    if (!this.informer.isSynced) return;
    const { settings, clock } = this.options;
    const now = clock();
    const instances = this.observedInstances(now);
    const expected = (uid: string) => {
      const pod = this.pods.get(uid);
      return pod ? this.expectedBytes(pod) : undefined;
    };
    const plan = planInstances({
      waiting: this.waitingPods(),
      instances,
      availableBytes: await this.options.readAvailableBytes(),
      reserveBytes: settings.reserveBytes,
      settleMs: settings.settleMs,
      idleMs: settings.idleMs,
      settlingBytes: settlingBytes(instances, expected, settings.settleMs, now),
      now,
    });
    for (const pod of plan.launch) await this.launch(pod);
    for (const { instance, pod } of plan.handOver) await this.handOver(instance, pod);
    for (const { pod, message } of plan.refuse) await this.refuse(pod, message);
    for (const name of plan.retire) await this.retire(name);
  }

  private async launch(pod: WaitingPod): Promise<void> {
    const name = newInstanceName();
    await this.run(name, pod.instanceType, pod.uid, undefined);
    this.options.log.info({ node: name, instanceType: pod.instanceType, pod: pod.key }, 'Launched instance');
    await this.admit(pod, `Instance ${name} launched`);
  }

  private async handOver(name: string, pod: WaitingPod): Promise<void> {
    const instance = this.instances.get(name);
    if (!instance) return;
    await this.options.core.patchNode(
      { name, body: { metadata: { annotations: { [InstanceAnnotations.launchedFor]: pod.uid } } } },
      MERGE_PATCH,
    );
    instance.launchedFor = pod.uid;
    instance.launchedAtMs = this.options.clock();
    this.options.log.info({ node: name, pod: pod.key }, 'Handed an idle instance to a waiting pod');
    await this.admit(pod, `Instance ${name} handed over`);
  }

  /** Lets the kube-scheduler place the pod, now that an instance is there for it. */
  private async admit(pod: WaitingPod, message: string): Promise<void> {
    await this.setCapacityCondition(pod, 'True', 'InstanceLaunched', message);
    const gates = this.pods.get(pod.uid)?.spec?.schedulingGates ?? [];
    if (pod.admitted || gates.length === 0) return;
    const [namespace = '', name = ''] = pod.key.split('/');
    const rest = gates.filter((gate) => gate.name !== INSTANCE_SCHEDULING_GATE);
    try {
      await this.options.core.patchNamespacedPod(
        { name, namespace, body: { spec: { schedulingGates: rest.length > 0 ? rest : null } } },
        MERGE_PATCH,
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  private async refuse(pod: WaitingPod, message: string): Promise<void> {
    await this.setCapacityCondition(pod, 'False', INSUFFICIENT_CAPACITY_REASON, message);
  }

  /** Writes the pod's capacity condition when its status changes (not each pass's figures). */
  private async setCapacityCondition(
    pod: WaitingPod,
    status: 'True' | 'False',
    reason: string,
    message: string,
  ): Promise<void> {
    const current = this.pods
      .get(pod.uid)
      ?.status?.conditions?.find((condition) => condition.type === INSTANCE_CAPACITY_CONDITION);
    if (current?.status === status || (status === 'True' && !current)) return;
    const [namespace = '', name = ''] = pod.key.split('/');
    if (status === 'False') this.options.log.warn({ pod: pod.key }, message);
    try {
      await this.options.core.patchNamespacedPodStatus(
        {
          name,
          namespace,
          body: {
            status: {
              conditions: [
                {
                  type: INSTANCE_CAPACITY_CONDITION,
                  status,
                  reason,
                  message,
                  lastTransitionTime: kubeTime(this.options.clock()),
                },
              ],
            },
          },
        },
        STRATEGIC_PATCH,
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** Ends an instance: its heartbeats stop and its Node (with its Lease) is deleted. */
  private async retire(name: string): Promise<void> {
    const instance = this.instances.get(name);
    if (!instance) return;
    instance.node.stop();
    this.instances.delete(name);
    try {
      await this.options.core.deleteNode({ name });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.options.log.info({ node: name, instanceType: instance.instanceType }, 'Ended idle instance');
  }
}
