import { findNodeType, sparkEngineOf } from '@brickyard/common/catalog';
import { InstancePoolKind, type InstancePoolResource } from '@brickyard/common/crd';
import { POOL_POD_UID_VARIABLE } from '@brickyard/common/pool-assignment';
import {
  API_VERSION,
  ClusterRoles,
  InstanceAnnotations,
  Labels,
  MANAGED_BY,
} from '@brickyard/common/vocabulary';
import type { V1Pod, V1Probe } from '@kubernetes/client-node';
import {
  type PodContext,
  RUNTIME_METRICS_PORT,
  runtimePod,
  SCRAPE_ANNOTATIONS,
  SPARK_READINESS,
  TERMINATION_GRACE_SECONDS,
} from '../cluster/desired.js';
import { expectedMemoryMi } from '../cluster/expected-memory.js';
import { NODE_TYPE_VARIABLE } from '../cluster/observed-pod.js';

/**
 * An idle pod of an instance pool: the runtime in standby (services/worker/src/pool), which
 * starts the Spark driver of the pool's first preloaded Spark version ahead of any cluster. Its
 * startup probe passes once it is warm; it is Ready only once a cluster has adopted it and it
 * serves that cluster, so an adopted pod is never taken for ready on its standby's account.
 */

/** A warm-up takes seconds; a pod still cold after ten minutes is restarted by its kubelet. */
const WARM_STARTUP: V1Probe = {
  httpGet: { path: '/startedz', port: 'metrics' },
  periodSeconds: 1,
  timeoutSeconds: 2,
  failureThreshold: 600,
};

/** The pool's idle pod, named by the apiserver after the pool; undefined for an unknown node type. */
export function poolPod(pool: InstancePoolResource, context: PodContext): V1Pod | undefined {
  const nodeType = findNodeType(pool.spec.nodeTypeId);
  if (!nodeType) return undefined;
  const poolId = pool.metadata.name ?? '';
  // The Spark version its pods warm up: the first preloaded one; none means no JVMs ahead.
  const version = pool.spec.preloadedSparkVersions?.[0];
  const engine = version === undefined ? 'none' : sparkEngineOf(version);
  return runtimePod(
    {
      metadata: {
        generateName: `${poolId}-`,
        namespace: pool.metadata.namespace ?? '',
        labels: {
          [Labels.managedBy]: MANAGED_BY,
          [Labels.workspaceId]: String(context.workspaceId),
          [Labels.instancePoolId]: poolId,
        },
        annotations: {
          // A warm pod is a driver in waiting: it takes what a driver takes.
          [InstanceAnnotations.expectedMemory]: `${expectedMemoryMi(engine, ClusterRoles.driver, {})}Mi`,
          ...SCRAPE_ANNOTATIONS,
        },
        ownerReferences: [
          {
            apiVersion: API_VERSION,
            kind: InstancePoolKind.kind,
            name: poolId,
            uid: pool.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      nodeType,
      env: [
        { name: 'BRICKYARD_WORKSPACE_ID', value: String(context.workspaceId) },
        { name: NODE_TYPE_VARIABLE, value: nodeType.node_type_id },
        { name: 'BRICKYARD_WORKER_PORT', value: String(RUNTIME_METRICS_PORT) },
        { name: 'BRICKYARD_SPARK_ENGINE', value: engine },
        { name: POOL_POD_UID_VARIABLE, valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
      ],
      // Any cluster may adopt it: a Spark one's pods mount DBFS.
      dbfs: true,
      terminationGraceSeconds: Math.max(...Object.values(TERMINATION_GRACE_SECONDS)),
      readinessProbe: SPARK_READINESS,
      startupProbe: WARM_STARTUP,
    },
    context,
  );
}
