import { ACCOUNT_IDENTITIES, StringEnum } from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalidParameter, resourceDoesNotExist } from '../../errors/databricks-error.js';
import type { PrincipalIdentity } from '../../identity/identity-directory.js';
import {
  accountPrincipal,
  assign,
  assignedPermission,
  assignedPrincipals,
  unassign,
  WORKSPACE_PERMISSIONS,
  type WorkspacePermission,
} from '../../identity/workspace-assignments.js';
import type { RouteOptions } from '../../services.js';
import { accountIdCheck } from './account-id.js';

const PrincipalOutput = Type.Object({
  principal_id: Type.Integer(),
  display_name: Type.String(),
  user_name: Type.Optional(Type.String()),
  service_principal_name: Type.Optional(Type.String()),
});

const PermissionAssignment = Type.Object({
  principal: PrincipalOutput,
  permissions: Type.Array(StringEnum(WORKSPACE_PERMISSIONS)),
});

const WorkspaceParams = Type.Object({
  account_id: Type.String(),
  workspace_id: Type.Integer({ minimum: 1 }),
});
const PrincipalParams = Type.Object({
  ...WorkspaceParams.properties,
  principal_id: Type.String({ pattern: '^[0-9]{1,20}$' }),
});

const tags = ['accounts'];
const ListSchema = {
  tags,
  summary: "A workspace's permission assignments",
  params: WorkspaceParams,
  response: { 200: Type.Object({ permission_assignments: Type.Array(PermissionAssignment) }) },
};
const PermissionsSchema = {
  tags,
  summary: 'The permissions an assignment can give',
  params: WorkspaceParams,
  response: {
    200: Type.Object({
      permissions: Type.Array(
        Type.Object({ permission_level: StringEnum(WORKSPACE_PERMISSIONS), description: Type.String() }),
      ),
    }),
  },
};
const UpdateSchema = {
  tags,
  summary: 'Assign a principal to a workspace, or change its permission there',
  params: PrincipalParams,
  // Unknown values are ignored, as Databricks does; none left unassigns.
  body: Type.Object({ permissions: Type.Optional(Type.Array(Type.String())) }),
  response: { 200: PermissionAssignment },
};
const DeleteSchema = {
  tags,
  summary: 'Unassign a principal from a workspace',
  params: PrincipalParams,
  response: { 200: Type.Object({}) },
};

const DESCRIPTIONS: Record<WorkspacePermission, string> = {
  USER: 'Can use the workspace',
  ADMIN: 'Can use and administer the workspace (a member of its admins group)',
};

function principalOutput({ kind, resource }: PrincipalIdentity) {
  const { spec } = resource;
  return kind === 'user'
    ? {
        principal_id: Number(spec.id),
        display_name: resource.spec.displayName ?? resource.spec.userName,
        user_name: resource.spec.userName,
      }
    : {
        principal_id: Number(spec.id),
        display_name: resource.spec.displayName ?? resource.spec.applicationId,
        service_principal_name: resource.spec.applicationId,
      };
}

/** ADMIN wins over USER; other values are ignored, and none is no permission at all. */
function requestedPermission(permissions: readonly string[] = []): WorkspacePermission | undefined {
  return [...WORKSPACE_PERMISSIONS].reverse().find((permission) => permissions.includes(permission));
}

/**
 * Workspace assignment (the AccountClient's workspace_assignment) at
 * /api/2.0/accounts/{account_id}/workspaces/{workspace_id}/permissionassignments: account admins
 * give account users and service principals a workspace, as USER or ADMIN (identity/workspace-assignments.ts).
 */
export const workspaceAssignmentRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (
  app,
  { services },
) => {
  const { identities, tokens, workspaces } = services;
  const config = { access: 'account-admin' as const };
  app.addHook('preHandler', accountIdCheck(services.config.accountId));
  const workspaceOf = (workspaceId: number) => {
    const found = workspaces.find(workspaceId);
    if (!found) throw resourceDoesNotExist(`Workspace ${workspaceId} does not exist`);
    return found;
  };
  const principalOf = (id: string) => {
    const found = accountPrincipal(identities, id);
    if (found) return found;
    if (identities.group(ACCOUNT_IDENTITIES, id)) {
      throw invalidParameter(`Group ${id}: Brickyard assigns users and service principals, not groups`);
    }
    throw resourceDoesNotExist(`Principal ${id} does not exist in the account`);
  };

  app.get('/', { prefixTrailingSlash: 'no-slash', config, schema: ListSchema }, async (request) => {
    const { workspace_id } = request.params;
    workspaceOf(workspace_id);
    return {
      permission_assignments: assignedPrincipals(identities, workspace_id).map((principal) => ({
        principal: principalOutput(principal),
        permissions: [assignedPermission(identities, workspace_id, principal.resource.spec.id)],
      })),
    };
  });

  app.get('/permissions', { config, schema: PermissionsSchema }, async (request) => {
    workspaceOf(request.params.workspace_id);
    return {
      permissions: WORKSPACE_PERMISSIONS.map((level) => ({
        permission_level: level,
        description: DESCRIPTIONS[level],
      })),
    };
  });

  app.put('/principals/:principal_id', { config, schema: UpdateSchema }, async (request) => {
    const { workspace_id, principal_id } = request.params;
    const workspace = workspaceOf(workspace_id);
    const principal = principalOf(principal_id);
    const permission = requestedPermission(request.body.permissions);
    if (!permission) {
      const assigned = assignedPrincipals(identities, workspace_id).some(
        ({ resource }) => resource.spec.id === principal_id,
      );
      if (assigned) await unassign(identities, tokens, workspace_id, principal_id);
      return { principal: principalOutput(principal), permissions: [] };
    }
    await assign(identities, workspace, principal, permission);
    return { principal: principalOutput(principal), permissions: [permission] };
  });

  app.delete('/principals/:principal_id', { config, schema: DeleteSchema }, async (request) => {
    const { workspace_id, principal_id } = request.params;
    workspaceOf(workspace_id);
    await unassign(identities, tokens, workspace_id, principal_id);
    return {};
  });
};
