import type {
  ClusterPolicyResource,
  ClusterResource,
  InstancePoolResource,
  JobResource,
  WarehouseResource,
} from '@brickyard/common/crd';
import type { V1OwnerReference } from '@kubernetes/client-node';
import { type ObjectTypeRules, rulesOf } from './object-types.js';

/** An object under access control: its type, id, workspace namespace, creator and resource. */
export interface GovernedObject {
  rules: ObjectTypeRules;
  id: string;
  namespace: string;
  /** Who created it, and so owns it unless ownership was given away (jobs' IS_OWNER grant). */
  creator: string | undefined;
  /**
   * The resource its grants belong to: deleting it deletes them (Kubernetes garbage collection).
   * Workspace objects live in the object store, not Kubernetes: their grants go when they are deleted.
   */
  owner?: V1OwnerReference | undefined;
  /** A workspace object's path, kept with its grants so deleting a folder finds the grants below it. */
  path?: string | undefined;
}

type Governable =
  | ClusterResource
  | JobResource
  | WarehouseResource
  | ClusterPolicyResource
  | InstancePoolResource;

function ownerReference(resource: Governable): V1OwnerReference {
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    name: resource.metadata.name ?? '',
    uid: resource.metadata.uid ?? '',
    blockOwnerDeletion: false,
  };
}

export function governedCluster(cluster: ClusterResource): GovernedObject {
  return {
    rules: rulesOf('clusters'),
    id: cluster.metadata.name ?? '',
    namespace: cluster.metadata.namespace ?? '',
    creator: cluster.spec.creatorUserName,
    owner: ownerReference(cluster),
  };
}

export function governedJob(job: JobResource): GovernedObject {
  return {
    rules: rulesOf('jobs'),
    id: String(job.spec.jobId),
    namespace: job.metadata.namespace ?? '',
    creator: job.spec.creatorUserName,
    owner: ownerReference(job),
  };
}

export function governedWarehouse(warehouse: WarehouseResource): GovernedObject {
  return {
    rules: rulesOf('warehouses'),
    id: warehouse.metadata.name ?? '',
    namespace: warehouse.metadata.namespace ?? '',
    creator: warehouse.spec.creatorName,
    owner: ownerReference(warehouse),
  };
}

/** A cluster policy, named by its Databricks id (upper-case hex; its resource name is lower case). */
export function governedPolicy(policy: ClusterPolicyResource): GovernedObject {
  return {
    rules: rulesOf('cluster-policies'),
    id: (policy.metadata.name ?? '').toUpperCase(),
    namespace: policy.metadata.namespace ?? '',
    creator: policy.spec.creatorUserName,
    owner: ownerReference(policy),
  };
}

export function governedPool(pool: InstancePoolResource): GovernedObject {
  return {
    rules: rulesOf('instance-pools'),
    id: pool.metadata.name ?? '',
    namespace: pool.metadata.namespace ?? '',
    creator: pool.spec.creatorUserName,
    owner: ownerReference(pool),
  };
}
