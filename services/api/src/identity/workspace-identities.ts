import type { GroupResource, UserResource, WorkspaceResource } from '@brickyard/common/crd';
import { API_VERSION } from '@brickyard/common/vocabulary';
import { ADMINS_GROUP, stableNumericId, USERS_GROUP, userIdOf } from '../auth/principal.js';
import { type IdentityDirectory, identityMetadata, workspaceScope } from './identity-directory.js';

/** The built-in groups have the same id in every read of a workspace: derived from its id. */
function builtinGroupId(workspaceId: number, displayName: string): string {
  return String(stableNumericId(`group:${workspaceId}:${displayName}`));
}

function newUserResource(
  workspace: WorkspaceResource,
  spec: Omit<UserResource['spec'], 'workspaceId' | 'id'>,
): UserResource {
  const id = String(userIdOf(spec.userName));
  return {
    apiVersion: API_VERSION,
    kind: 'User',
    metadata: identityMetadata(workspaceScope(workspace), id),
    spec: { ...spec, workspaceId: workspace.spec.workspaceId, id },
  };
}

/**
 * What everyone may do by default (the `users` group's entitlements); Brickyard does not enforce
 * cluster creation rights, so it grants them to all, as a workspace with unrestricted cluster
 * creation does.
 */
const DEFAULT_ENTITLEMENTS = ['workspace-access', 'databricks-sql-access', 'allow-cluster-create'] as const;

function builtinGroup(workspace: WorkspaceResource, displayName: string, memberIds: string[]): GroupResource {
  const id = builtinGroupId(workspace.spec.workspaceId, displayName);
  return {
    apiVersion: API_VERSION,
    kind: 'Group',
    metadata: identityMetadata(workspaceScope(workspace), id),
    spec: {
      workspaceId: workspace.spec.workspaceId,
      id,
      displayName,
      members: memberIds.map((value) => ({ value })),
      ...(displayName === USERS_GROUP
        ? { entitlements: DEFAULT_ENTITLEMENTS.map((value) => ({ value })) }
        : {}),
    },
  };
}

/**
 * What every workspace starts with, as in Databricks: its creator as a user and workspace admin,
 * the `admins` group, and the `users` group (whose members are every user and service principal,
 * so it stores none). Idempotent: run again, it only adds what is missing, and keeps the admin an
 * admin.
 */
export async function ensureWorkspaceIdentities(
  directory: IdentityDirectory,
  workspace: WorkspaceResource,
  adminUserName: string,
): Promise<void> {
  const workspaceId = workspace.spec.workspaceId;
  const admin =
    directory.userNamed(workspaceId, adminUserName) ??
    (await directory.users.create(
      newUserResource(workspace, {
        userName: adminUserName,
        displayName: adminUserName,
        active: true,
        emails: [{ value: adminUserName, type: 'work', primary: true }],
      }),
    ));
  if (!directory.groupNamed(workspaceId, USERS_GROUP)) {
    await directory.groups.create(builtinGroup(workspace, USERS_GROUP, []));
  }
  const admins = directory.groupNamed(workspaceId, ADMINS_GROUP);
  if (!admins) {
    await directory.groups.create(builtinGroup(workspace, ADMINS_GROUP, [admin.spec.id]));
  } else if (!(admins.spec.members ?? []).some((member) => member.value === admin.spec.id)) {
    await directory.groups.update(undefined, admins.metadata.name ?? '', (current) => ({
      ...current,
      spec: { ...current.spec, members: [...(current.spec.members ?? []), { value: admin.spec.id }] },
    }));
  }
}
