import type { V1ObjectMeta } from '@kubernetes/client-node';
import type { TSchema } from 'typebox';
import { specRuleValidations } from '../cluster-spec/rules.js';
import { ClusterSpec, ClusterStatus } from '../cluster-spec/schema.js';
import { ClusterPolicySpec, ClusterPolicyStatus } from '../schema/cluster-policy.js';
import { GroupSpec, IdentityStatus, ServicePrincipalSpec, UserSpec } from '../schema/identity.js';
import { InstancePoolSpec, InstancePoolStatus } from '../schema/instance-pool.js';
import { JobSpec, JobStatus } from '../schema/job.js';
import { ObjectPermissionsSpec, ObjectPermissionsStatus } from '../schema/permissions.js';
import { QuerySpec, QueryStatus } from '../schema/query.js';
import {
  CatalogSpec,
  SchemaSpec,
  TableSpec,
  UnityCatalogStatus,
  VolumeSpec,
} from '../schema/unity-catalog.js';
import { WarehouseSpec, WarehouseStatus } from '../schema/warehouse.js';
import { WorkspaceSpec, WorkspaceStatus } from '../schema/workspace.js';
import type { API_VERSION } from '../vocabulary.js';
import { warehouseRuleValidations } from '../warehouse-spec/rules.js';
import type { Camelized } from './case-conversion.js';

/** A CEL rule attached to the node at `path` of the camelCase schema (e.g. ['spec', 'autoscale']). */
interface ValidationRule {
  path: string[];
  rule: string;
  message: string;
}

interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  priority?: number;
}

/** Everything needed to generate a CRD and to read and write its resources. */
export interface ResourceKind {
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  scope: 'Cluster' | 'Namespaced';
  spec: TSchema;
  status: TSchema;
  rules: ValidationRule[];
  printerColumns: PrinterColumn[];
}

const age: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

export const WorkspaceKind: ResourceKind = {
  kind: 'Workspace',
  plural: 'workspaces',
  singular: 'workspace',
  shortNames: ['bws'],
  scope: 'Cluster',
  spec: WorkspaceSpec,
  status: WorkspaceStatus,
  rules: [
    { path: ['spec'], rule: 'self.workspaceId == oldSelf.workspaceId', message: 'workspaceId is immutable' },
  ],
  printerColumns: [
    { name: 'Workspace ID', type: 'integer', jsonPath: '.spec.workspaceId' },
    { name: 'Display Name', type: 'string', jsonPath: '.spec.workspaceName' },
    { name: 'State', type: 'string', jsonPath: '.status.workspaceStatus' },
    { name: 'Namespace', type: 'string', jsonPath: '.status.namespace' },
    age,
  ],
};

export const ClusterKind: ResourceKind = {
  kind: 'Cluster',
  plural: 'clusters',
  singular: 'cluster',
  shortNames: ['dbc', 'dbcluster'],
  scope: 'Namespaced',
  spec: ClusterSpec,
  status: ClusterStatus,
  // Generated from the rules the services evaluate, so the apiserver refuses exactly what they do.
  rules: specRuleValidations(),
  printerColumns: [
    { name: 'Display Name', type: 'string', jsonPath: '.spec.clusterName' },
    { name: 'State', type: 'string', jsonPath: '.status.state' },
    { name: 'Workers', type: 'integer', jsonPath: '.status.readyWorkers' },
    { name: 'Desired', type: 'integer', jsonPath: '.status.desiredWorkers' },
    { name: 'Node Type', type: 'string', jsonPath: '.spec.nodeTypeId', priority: 1 },
    { name: 'Spark', type: 'string', jsonPath: '.spec.sparkVersion', priority: 1 },
    age,
  ],
};

export const JobKind: ResourceKind = {
  kind: 'Job',
  plural: 'jobs',
  singular: 'job',
  shortNames: ['dbj', 'dbjob'],
  scope: 'Namespaced',
  spec: JobSpec,
  status: JobStatus,
  rules: [{ path: ['spec'], rule: 'self.jobId == oldSelf.jobId', message: 'jobId is immutable' }],
  printerColumns: [
    { name: 'Job ID', type: 'integer', jsonPath: '.spec.jobId' },
    { name: 'Display Name', type: 'string', jsonPath: '.spec.settings.name' },
    { name: 'Schedule', type: 'string', jsonPath: '.spec.settings.schedule.quartzCronExpression' },
    { name: 'Paused', type: 'string', jsonPath: '.spec.settings.schedule.pauseStatus', priority: 1 },
    age,
  ],
};

/** A SQL warehouse; its compute is a Cluster the operator makes and owns. */
export const WarehouseKind: ResourceKind = {
  kind: 'Warehouse',
  plural: 'warehouses',
  singular: 'warehouse',
  shortNames: ['dbw', 'dbwarehouse'],
  scope: 'Namespaced',
  spec: WarehouseSpec,
  status: WarehouseStatus,
  rules: warehouseRuleValidations(),
  printerColumns: [
    { name: 'Display Name', type: 'string', jsonPath: '.spec.name' },
    { name: 'Size', type: 'string', jsonPath: '.spec.clusterSize' },
    { name: 'State', type: 'string', jsonPath: '.status.state' },
    { name: 'Cluster', type: 'string', jsonPath: '.status.clusterId', priority: 1 },
    age,
  ],
};

/**
 * Unity Catalog's objects, one resource each in the workspace's namespace, named by the object's
 * id (UUIDs are DNS-safe, Unity Catalog names are not). The API is their only writer.
 * `kubectl get ucatalog,uschema,utable,uvolume -n brickyard-ws-<id>` lists a metastore.
 */

const fullNameColumn = { name: 'Full Name', type: 'string', jsonPath: '.spec.fullName' } as const;
const ownerColumn = { name: 'Owner', type: 'string', jsonPath: '.spec.owner', priority: 1 } as const;
const locationColumn = { name: 'Location', type: 'string', jsonPath: '.spec.storageLocation' } as const;

const immutable = (field: string) => ({
  path: ['spec'],
  rule: `self.${field} == oldSelf.${field}`,
  message: `${field} is immutable`,
});
/** immutable() for a field some objects lack (a view has no location): it may not come or go either. */
const immutableOptional = (field: string) => ({
  path: ['spec'],
  rule: `has(self.${field}) == has(oldSelf.${field}) && (!has(self.${field}) || self.${field} == oldSelf.${field})`,
  message: `${field} is immutable`,
});

export const CatalogKind = {
  kind: 'Catalog',
  plural: 'catalogs',
  singular: 'catalog',
  shortNames: ['ucatalog'],
  scope: 'Namespaced',
  spec: CatalogSpec,
  status: UnityCatalogStatus,
  rules: [immutable('catalogType')],
  printerColumns: [
    // A catalog's full name is its name; 'Name' would repeat the resource's own NAME header.
    { name: 'Full Name', type: 'string', jsonPath: '.spec.name' },
    { name: 'Type', type: 'string', jsonPath: '.spec.catalogType' },
    ownerColumn,
    age,
  ],
} satisfies ResourceKind;

export const SchemaKind = {
  kind: 'Schema',
  plural: 'schemas',
  singular: 'schema',
  shortNames: ['uschema'],
  scope: 'Namespaced',
  spec: SchemaSpec,
  status: UnityCatalogStatus,
  rules: [immutable('catalogId')],
  printerColumns: [fullNameColumn, ownerColumn, age],
} satisfies ResourceKind;

export const TableKind = {
  kind: 'Table',
  plural: 'tables',
  singular: 'table',
  shortNames: ['utable'],
  scope: 'Namespaced',
  spec: TableSpec,
  status: UnityCatalogStatus,
  rules: [immutable('schemaId'), immutable('tableType'), immutableOptional('storageLocation')],
  printerColumns: [
    fullNameColumn,
    { name: 'Type', type: 'string', jsonPath: '.spec.tableType' },
    { name: 'Format', type: 'string', jsonPath: '.spec.dataSourceFormat', priority: 1 },
    locationColumn,
    ownerColumn,
    age,
  ],
} satisfies ResourceKind;

export const VolumeKind = {
  kind: 'Volume',
  plural: 'volumes',
  singular: 'volume',
  shortNames: ['uvolume'],
  scope: 'Namespaced',
  spec: VolumeSpec,
  status: UnityCatalogStatus,
  rules: [immutable('schemaId'), immutable('volumeType'), immutable('storageLocation')],
  printerColumns: [
    fullNameColumn,
    { name: 'Type', type: 'string', jsonPath: '.spec.volumeType' },
    locationColumn,
    ownerColumn,
    age,
  ],
} satisfies ResourceKind;

/** A saved query of Databricks SQL (the Queries API), named by its id; the API is its only writer. */
export const QueryKind = {
  kind: 'Query',
  plural: 'queries',
  singular: 'query',
  shortNames: ['dbq', 'dbquery'],
  scope: 'Namespaced',
  spec: QuerySpec,
  status: QueryStatus,
  rules: [],
  printerColumns: [
    { name: 'Display Name', type: 'string', jsonPath: '.spec.displayName' },
    { name: 'Warehouse', type: 'string', jsonPath: '.spec.warehouseId' },
    { name: 'State', type: 'string', jsonPath: '.spec.lifecycleState' },
    { name: 'Owner', type: 'string', jsonPath: '.spec.ownerUserName', priority: 1 },
    age,
  ],
} satisfies ResourceKind;

/** A cluster policy (the Cluster Policies API), named by its id; the API is its only writer. */
export const ClusterPolicyKind = {
  kind: 'ClusterPolicy',
  plural: 'clusterpolicies',
  singular: 'clusterpolicy',
  shortNames: ['dbpolicy'],
  scope: 'Namespaced',
  spec: ClusterPolicySpec,
  status: ClusterPolicyStatus,
  rules: [],
  printerColumns: [
    { name: 'Display Name', type: 'string', jsonPath: '.spec.name' },
    { name: 'Family', type: 'string', jsonPath: '.spec.policyFamilyId' },
    { name: 'Creator', type: 'string', jsonPath: '.spec.creatorUserName', priority: 1 },
    age,
  ],
} satisfies ResourceKind;

/**
 * An instance pool: warm instances of one node type that clusters naming it take first. The
 * operator keeps its idle pods (operator/src/instance-pool). `kubectl get dbpool` lists them.
 */
export const InstancePoolKind = {
  kind: 'InstancePool',
  plural: 'instancepools',
  singular: 'instancepool',
  shortNames: ['dbpool'],
  scope: 'Namespaced',
  spec: InstancePoolSpec,
  status: InstancePoolStatus,
  rules: [immutable('nodeTypeId')],
  printerColumns: [
    { name: 'Display Name', type: 'string', jsonPath: '.spec.instancePoolName' },
    { name: 'Node Type', type: 'string', jsonPath: '.spec.nodeTypeId' },
    { name: 'State', type: 'string', jsonPath: '.status.state' },
    { name: 'Idle', type: 'integer', jsonPath: '.status.stats.idleCount' },
    { name: 'Used', type: 'integer', jsonPath: '.status.stats.usedCount' },
    age,
  ],
} satisfies ResourceKind;

/**
 * A workspace's identities (SCIM), cluster-scoped and owned by their Workspace, so they go with it;
 * named `ws<workspace id>-<id>`. `kubectl get dbuser,dbgroup,dbsp` lists them.
 */
const workspaceColumn = { name: 'Workspace', type: 'integer', jsonPath: '.spec.workspaceId' } as const;
const activeColumn = { name: 'Active', type: 'boolean', jsonPath: '.spec.active' } as const;

export const UserKind = {
  kind: 'User',
  plural: 'users',
  singular: 'user',
  shortNames: ['dbuser'],
  scope: 'Cluster',
  spec: UserSpec,
  status: IdentityStatus,
  rules: [immutable('workspaceId'), immutable('id')],
  printerColumns: [
    workspaceColumn,
    { name: 'User Name', type: 'string', jsonPath: '.spec.userName' },
    activeColumn,
    age,
  ],
} satisfies ResourceKind;

export const ServicePrincipalKind = {
  kind: 'ServicePrincipal',
  plural: 'serviceprincipals',
  singular: 'serviceprincipal',
  shortNames: ['dbsp'],
  scope: 'Cluster',
  spec: ServicePrincipalSpec,
  status: IdentityStatus,
  rules: [immutable('workspaceId'), immutable('id'), immutable('applicationId')],
  printerColumns: [
    workspaceColumn,
    { name: 'Display Name', type: 'string', jsonPath: '.spec.displayName' },
    { name: 'Application ID', type: 'string', jsonPath: '.spec.applicationId' },
    activeColumn,
    age,
  ],
} satisfies ResourceKind;

export const GroupKind = {
  kind: 'Group',
  plural: 'groups',
  singular: 'group',
  shortNames: ['dbgroup'],
  scope: 'Cluster',
  spec: GroupSpec,
  status: IdentityStatus,
  rules: [immutable('workspaceId'), immutable('id')],
  printerColumns: [
    workspaceColumn,
    { name: 'Display Name', type: 'string', jsonPath: '.spec.displayName' },
    age,
  ],
} satisfies ResourceKind;

/** Direct grants on one object of a workspace (the Permissions API), named `<type>-<id>`. */
export const ObjectPermissionsKind = {
  kind: 'ObjectPermissions',
  plural: 'objectpermissions',
  singular: 'objectpermissions',
  shortNames: ['dbperm'],
  scope: 'Namespaced',
  spec: ObjectPermissionsSpec,
  status: ObjectPermissionsStatus,
  rules: [immutable('objectType'), immutable('objectId')],
  printerColumns: [
    { name: 'Object Type', type: 'string', jsonPath: '.spec.objectType' },
    { name: 'Object ID', type: 'string', jsonPath: '.spec.objectId' },
    age,
  ],
} satisfies ResourceKind;

export const RESOURCE_KINDS = [
  WorkspaceKind,
  ClusterKind,
  JobKind,
  WarehouseKind,
  CatalogKind,
  SchemaKind,
  TableKind,
  VolumeKind,
  QueryKind,
  ClusterPolicyKind,
  InstancePoolKind,
  UserKind,
  ServicePrincipalKind,
  GroupKind,
  ObjectPermissionsKind,
] as const;

/** A Brickyard custom resource as stored: camelCase spec and status. */
export interface CustomResource<Spec, Status> {
  apiVersion: typeof API_VERSION;
  kind: string;
  metadata: V1ObjectMeta;
  spec: Camelized<Spec>;
  status?: Camelized<Status>;
}

export type WorkspaceResource = CustomResource<WorkspaceSpec, WorkspaceStatus>;
export type ClusterResource = CustomResource<ClusterSpec, ClusterStatus>;
export type JobResource = CustomResource<JobSpec, JobStatus>;
export type WarehouseResource = CustomResource<WarehouseSpec, WarehouseStatus>;
export type CatalogResource = CustomResource<CatalogSpec, UnityCatalogStatus>;
export type SchemaResource = CustomResource<SchemaSpec, UnityCatalogStatus>;
export type TableResource = CustomResource<TableSpec, UnityCatalogStatus>;
export type VolumeResource = CustomResource<VolumeSpec, UnityCatalogStatus>;
export type QueryResource = CustomResource<QuerySpec, QueryStatus>;
export type ClusterPolicyResource = CustomResource<ClusterPolicySpec, ClusterPolicyStatus>;
export type InstancePoolResource = CustomResource<InstancePoolSpec, InstancePoolStatus>;
export type UserResource = CustomResource<UserSpec, IdentityStatus>;
export type ServicePrincipalResource = CustomResource<ServicePrincipalSpec, IdentityStatus>;
export type GroupResource = CustomResource<GroupSpec, IdentityStatus>;
export type ObjectPermissionsResource = CustomResource<ObjectPermissionsSpec, ObjectPermissionsStatus>;
