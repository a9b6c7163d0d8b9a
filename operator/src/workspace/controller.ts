import type { S3Client } from '@aws-sdk/client-s3';
import { WorkspaceKind, type WorkspaceResource } from '@brickyard/common/crd';
import type { ControllerMetrics, EventRecorder } from '@brickyard/common/kube';
import {
  CachedInformer,
  Controller,
  customResourceInformer,
  mappedSource,
  primarySource,
  StatusWriter,
} from '@brickyard/common/kube';
import { API_VERSION, Labels, MANAGED_BY } from '@brickyard/common/vocabulary';
import {
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  KubernetesObjectApi,
  type V1Namespace,
} from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { WorkspaceReconciler } from './reconciler.js';
import type { WorkspaceStatus } from './status.js';
import { WorkspaceStorage } from './storage.js';
import type { WorkspaceKeys } from './workspace-keys.js';
import { WorkspaceType } from './workspace-type.js';

export interface WorkspaceControllerOptions {
  kubeConfig: KubeConfig;
  s3: S3Client;
  bucket: string;
  /** Which Workspaces this operator serves (see shard.ts). */
  workspaceSelector: string;
  workers: number;
  events: EventRecorder;
  metrics: ControllerMetrics;
  log: Logger;
  /** The runtime's connection settings, for the brickyard-runtime Secret of each workspace. */
  runtimeEnv: Record<string, string>;
  /** Each workspace's own S3 keys; undefined keeps the platform's (see WorkspaceReconcilerOptions). */
  keys: WorkspaceKeys | undefined;
}

/** Namespaces the operator made for workspaces. */
const NAMESPACE_SELECTOR = `${Labels.managedBy}=${MANAGED_BY},${Labels.workspaceId}`;

/** A namespace's change concerns the Workspace that owns it. */
function owningWorkspaces(namespace: V1Namespace): string[] {
  return (namespace.metadata?.ownerReferences ?? [])
    .filter((owner) => owner.apiVersion === API_VERSION && owner.kind === WorkspaceKind.kind)
    .map((owner) => owner.name);
}

export function createWorkspaceController(options: WorkspaceControllerOptions): Controller {
  const { kubeConfig, log, workspaceSelector } = options;
  const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const workspaces = customResourceInformer<WorkspaceResource>({
    name: 'workspaces',
    kubeConfig,
    type: WorkspaceType,
    labelSelector: workspaceSelector,
    log,
  });
  const namespaces = new CachedInformer<V1Namespace>({
    name: 'namespaces',
    kubeConfig,
    path: '/api/v1/namespaces',
    list: () => core.listNamespace({ labelSelector: NAMESPACE_SELECTOR }),
    labelSelector: NAMESPACE_SELECTOR,
    log,
  });
  const reconciler = new WorkspaceReconciler({
    workspaces: workspaces.cache,
    namespaces: namespaces.cache,
    objects: KubernetesObjectApi.makeApiClient(kubeConfig),
    customObjects,
    statusWriter: new StatusWriter<WorkspaceStatus, WorkspaceResource>(customObjects, WorkspaceType),
    storage: new WorkspaceStorage(options.s3, options.bucket),
    events: options.events,
    runtimeEnv: options.runtimeEnv,
    keys: options.keys,
  });
  return new Controller({
    name: 'workspace',
    sources: [
      primarySource('workspaces', workspaces),
      mappedSource('namespaces', namespaces, owningWorkspaces),
    ],
    reconcile: (key, keyLog) => reconciler.reconcile(key, keyLog),
    workers: options.workers,
    metrics: options.metrics,
    log,
  });
}
