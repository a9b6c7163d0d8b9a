import type { V1ObjectMeta } from '@kubernetes/client-node';
import type { TSchema } from 'typebox';
import { specRuleValidations } from '../cluster-spec/rules.js';
import { ClusterSpec, ClusterStatus } from '../cluster-spec/schema.js';
import { JobSpec, JobStatus } from '../schema/job.js';
import { WorkspaceSpec, WorkspaceStatus } from '../schema/workspace.js';
import type { API_VERSION } from '../vocabulary.js';
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

export const RESOURCE_KINDS = [WorkspaceKind, ClusterKind, JobKind] as const;

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
