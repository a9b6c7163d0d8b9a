import { toCamelCase } from '../crd/case-conversion.js';
import type { ClusterResource } from '../crd/resource-kinds.js';
import { API_VERSION, Labels, MANAGED_BY, workspaceNamespace } from '../vocabulary.js';
import { withDefaults } from './defaults.js';
import { type CLUSTER_SOURCES, type ClusterAttributes, ClusterSpec } from './schema.js';

/**
 * The one way a Cluster resource is made, by the API (clusters/create) and by the scheduler (a
 * run's job clusters): the attributes with their defaults, asked to run from restart generation 0,
 * labelled with its workspace and id. Validate the attributes first (validation.ts).
 */

export interface ClusterResourceInput {
  clusterId: string;
  workspaceId: number;
  /** What the client asked for; defaults are filled in here. */
  attributes: ClusterAttributes;
  source: (typeof CLUSTER_SOURCES)[number];
  creatorUserName?: string | undefined;
  /** Labels beside the ones every cluster carries (which win over these). */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** The labels of a Cluster, and of the pods and Service the operator makes for it. */
export function clusterLabels(workspaceId: number, clusterId: string): Record<string, string> {
  return {
    [Labels.managedBy]: MANAGED_BY,
    [Labels.workspaceId]: String(workspaceId),
    [Labels.clusterId]: clusterId,
  };
}

export function buildClusterResource(input: ClusterResourceInput): ClusterResource {
  const { clusterId, workspaceId, creatorUserName, annotations } = input;
  const spec: ClusterSpec = {
    ...withDefaults(input.attributes),
    desired_state: 'RUNNING',
    restart_generation: 0,
    cluster_source: input.source,
    ...(creatorUserName !== undefined ? { creator_user_name: creatorUserName } : {}),
  };
  return {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: {
      name: clusterId,
      namespace: workspaceNamespace(workspaceId),
      labels: { ...input.labels, ...clusterLabels(workspaceId, clusterId) },
      ...(annotations && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
    },
    spec: toCamelCase(spec, ClusterSpec),
  };
}
