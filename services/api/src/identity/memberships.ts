import type { ServicePrincipalResource, UserResource } from '@brickyard/common/crd';
import type { TokenStore } from '../auth/token-store.js';
import type { IdentityDirectory } from './identity-directory.js';

/** Takes a deleted identity out of every group that listed it. */
export async function removeFromGroups(
  directory: IdentityDirectory,
  workspaceId: number,
  id: string,
): Promise<void> {
  for (const group of directory.directGroupsOf(workspaceId, id)) {
    await directory.groups.update(undefined, group.metadata.name ?? '', (current) => ({
      ...current,
      spec: {
        ...current.spec,
        members: (current.spec.members ?? []).filter((member) => member.value !== id),
      },
    }));
  }
}

/**
 * Revokes the tokens of a deleted user or service principal: a principal made again later under
 * the same name is someone new, and must not inherit them.
 */
async function revokeTokensOf(tokens: TokenStore, workspaceId: number, name: string): Promise<void> {
  const owned = tokens.list((record) => record.scope === workspaceId && record.user_name === name);
  for (const record of owned) await tokens.delete(record.token_id);
}

/** How tokens and grants name a principal: a user by user name, a service principal by application id. */
function principalName(resource: UserResource | ServicePrincipalResource): string {
  return 'userName' in resource.spec ? resource.spec.userName : resource.spec.applicationId;
}

/** What goes with a deleted user or service principal: its place in groups, and its tokens. */
export async function forgetPrincipal(
  directory: IdentityDirectory,
  tokens: TokenStore,
  resource: UserResource | ServicePrincipalResource,
): Promise<void> {
  await removeFromGroups(directory, resource.spec.workspaceId, resource.spec.id);
  await revokeTokensOf(tokens, resource.spec.workspaceId, principalName(resource));
}
