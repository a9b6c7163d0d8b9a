/**
 * Which instances to launch, hand over and retire, decided from the pods waiting for one and the
 * instances there are (no I/O). One instance per pod, as every Databricks cluster node is its own
 * EC2 instance; the kube-scheduler still places the pod (the instance's capacity is the pod's
 * node type, so nothing else fits beside it).
 *
 * Admission is against the host's real memory: an instance is launched only if the memory its pod
 * is expected to take fits in what the host has available, less a reserve and less what the
 * instances launched within the settle time will still take (their processes have not grown yet).
 * A pod that does not fit is refused with a message, and tried again on the next pass; it stays
 * behind its scheduling gate meanwhile, so it cannot take an instance launched for another pod.
 */

/** A pod that selects an instance type and is bound to no Node yet. */
export interface WaitingPod {
  uid: string;
  /** namespace/name, for messages. */
  key: string;
  instanceType: string;
  expectedMemoryBytes: number;
  /**
   * Already let through: its scheduling gate is lifted (or it had none), so it is given an
   * instance whatever the memory; the others wait behind the gate until they fit.
   */
  admitted: boolean;
}

export interface Instance {
  name: string;
  instanceType: string;
  /** The uid of the pod it was launched for, or handed over to. */
  launchedFor: string | undefined;
  launchedAtMs: number;
  /** Pods bound to it that have not finished. */
  pods: number;
  /** Since when it has had no pods; undefined while it has some. */
  emptySinceMs: number | undefined;
}

export interface InstancePlanInput {
  waiting: readonly WaitingPod[];
  instances: readonly Instance[];
  /** The host's MemAvailable. */
  availableBytes: number;
  /** Memory kept free for the platform's own processes. */
  reserveBytes: number;
  /** How long a new instance's processes take to reach the memory they were admitted with. */
  settleMs: number;
  /** How long an empty instance is kept for a pod of its type (a restart's new pods) before it ends. */
  idleMs: number;
  /** The expected memory of the pods on the instances launched within the settle time. */
  settlingBytes: number;
  now: number;
}

export interface InstancePlan {
  launch: WaitingPod[];
  /** An empty instance handed to a waiting pod of its type instead of a new launch. */
  handOver: { instance: string; pod: WaitingPod }[];
  refuse: { pod: WaitingPod; message: string }[];
  retire: string[];
}

const MIB = 1024 * 1024;

export function planInstances(input: InstancePlanInput): InstancePlan {
  const plan: InstancePlan = { launch: [], handOver: [], refuse: [], retire: [] };
  const waitingUids = new Set(input.waiting.map((pod) => pod.uid));
  const empty = input.instances.filter((instance) => instance.pods === 0);
  // An empty instance launched for a pod still waiting is that pod's: the scheduler will bind it.
  const claimed = new Set(
    empty
      .filter((instance) => waitingUids.has(instance.launchedFor ?? ''))
      .map((instance) => instance.launchedFor),
  );
  const spare = empty.filter((instance) => !waitingUids.has(instance.launchedFor ?? ''));
  let budget = input.availableBytes - input.reserveBytes - input.settlingBytes;

  for (const pod of input.waiting) {
    if (claimed.has(pod.uid)) continue;
    // An empty instance runs nothing: a pod given one is admitted as for a new one.
    if (!pod.admitted && pod.expectedMemoryBytes > budget) {
      plan.refuse.push({ pod, message: insufficientMessage(pod, Math.max(0, budget)) });
      continue;
    }
    budget -= pod.expectedMemoryBytes;
    const index = spare.findIndex((instance) => instance.instanceType === pod.instanceType);
    if (index >= 0) {
      plan.handOver.push({ instance: spare[index]?.name ?? '', pod });
      spare.splice(index, 1);
    } else {
      plan.launch.push(pod);
    }
  }
  for (const instance of spare) {
    if (instance.emptySinceMs !== undefined && input.now - instance.emptySinceMs >= input.idleMs) {
      plan.retire.push(instance.name);
    }
  }
  return plan;
}

function insufficientMessage(pod: WaitingPod, budgetBytes: number): string {
  const need = Math.ceil(pod.expectedMemoryBytes / MIB);
  const have = Math.floor(budgetBytes / MIB);
  return (
    `We currently do not have sufficient capacity for ${pod.instanceType} instances: ` +
    `pod ${pod.key} needs ${need} MiB of host memory and ${have} MiB is free for new instances. ` +
    'Terminate other clusters or try again later.'
  );
}

/** The expected memory of the waiting pods of instances launched less than settleMs ago. */
export function settlingBytes(
  instances: readonly Instance[],
  expectedBytes: (podUid: string) => number | undefined,
  settleMs: number,
  now: number,
): number {
  let total = 0;
  for (const instance of instances) {
    if (now - instance.launchedAtMs >= settleMs || !instance.launchedFor) continue;
    total += expectedBytes(instance.launchedFor) ?? 0;
  }
  return total;
}
