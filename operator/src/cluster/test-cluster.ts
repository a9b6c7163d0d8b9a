import type { ClusterResource } from '@brickyard/common/crd';
import { API_VERSION, ClusterAnnotations, ClusterRoles } from '@brickyard/common/vocabulary';
import type { ClusterStatus } from './cluster-type.js';
import { slotOfPodName } from './naming.js';
import type { ObservedPod } from './observed-pod.js';

/** Fixtures for unit tests of the pure cluster logic. */

export const CLUSTER_ID = '0301-100000-abcdefgh';

/** The annotation the scheduler puts on a job cluster whose run is over. */
export const RUN_FINISHED = { [ClusterAnnotations.runFinished]: '2026-03-01T11:00:00Z' };

type Spec = ClusterResource['spec'];
/** Spec fields to set, or to remove with undefined. */
export type SpecOverrides = { [K in keyof Spec]?: Spec[K] | undefined };

export function testCluster(overrides: {
  spec?: SpecOverrides;
  status?: ClusterStatus;
  generation?: number;
  annotations?: Record<string, string> | undefined;
}): ClusterResource {
  const spec = {
    sparkVersion: '19.3.x-no-spark-scala2.13',
    nodeTypeId: 'm5d.large',
    numWorkers: 2,
    desiredState: 'RUNNING',
    restartGeneration: 0,
    ...overrides.spec,
  };
  for (const key of Object.keys(spec) as (keyof typeof spec)[]) if (spec[key] === undefined) delete spec[key];
  return {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: {
      name: CLUSTER_ID,
      namespace: 'brickyard-ws-1234',
      uid: 'cluster-uid',
      generation: overrides.generation ?? 1,
      creationTimestamp: '2026-03-01T10:00:00Z' as unknown as Date,
      ...(overrides.annotations ? { annotations: overrides.annotations } : {}),
    },
    spec: spec as Spec,
    ...(overrides.status ? { status: overrides.status } : {}),
  };
}

/** A pod of the test cluster: `driver` or `worker-<n>`, Running and Ready unless told otherwise. */
export function testPod(slot: string, overrides: Partial<ObservedPod> = {}): ObservedPod {
  const name = `${CLUSTER_ID}-${slot}`;
  const parsed = slotOfPodName(CLUSTER_ID, name);
  return {
    name,
    uid: `uid-${slot}`,
    slot: parsed,
    restartGeneration: 0,
    nodeTypeId: 'm5d.large',
    phase: 'Running',
    ready: true,
    fromPool: false,
    deleting: false,
    podIP: `127.32.0.${parsed?.role === ClusterRoles.driver ? 1 : (parsed?.index ?? 0) + 2}`,
    hostIP: '127.0.0.1',
    startMs: 1_000,
    ...overrides,
  };
}

/** The driver and `workers` workers, all ready. */
export function readyPods(workers: number, overrides: Partial<ObservedPod> = {}): ObservedPod[] {
  return [
    testPod('driver', overrides),
    ...Array.from({ length: workers }, (_, i) => testPod(`worker-${i}`, overrides)),
  ];
}
