import { type Static, Type } from 'typebox';
import { Condition } from './conditions.js';
import { EpochMillis, StringEnum } from './primitives.js';

export const WORKSPACE_STATUSES = [
  'NOT_PROVISIONED',
  'PROVISIONING',
  'RUNNING',
  'FAILED',
  'BANNED',
  'CANCELLING',
] as const;

const WorkspaceLimits = Type.Object({
  max_clusters: Type.Optional(Type.Integer({ minimum: 0 })),
  max_cores: Type.Optional(Type.Integer({ minimum: 0 })),
  max_memory_mb: Type.Optional(Type.Integer({ minimum: 0 })),
});

/** The Workspace resource's spec (cluster-scoped): one tenant. */
export const WorkspaceSpec = Type.Object({
  workspace_id: Type.Integer({ minimum: 1 }),
  workspace_name: Type.String({ minLength: 1, maxLength: 100 }),
  deployment_name: Type.Optional(Type.String({ maxLength: 63, pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$' })),
  aws_region: Type.Optional(Type.String()),
  pricing_tier: Type.Optional(Type.String()),
  limits: Type.Optional(WorkspaceLimits),
});
export type WorkspaceSpec = Static<typeof WorkspaceSpec>;

/** Written by the operator only. */
export const WorkspaceStatus = Type.Object({
  workspace_status: Type.Optional(StringEnum(WORKSPACE_STATUSES)),
  workspace_status_message: Type.Optional(Type.String()),
  namespace: Type.Optional(Type.String()),
  storage_root: Type.Optional(Type.String()),
  creation_time: Type.Optional(EpochMillis),
  observed_generation: Type.Optional(Type.Integer()),
  conditions: Type.Optional(Type.Array(Condition)),
});
export type WorkspaceStatus = Static<typeof WorkspaceStatus>;
