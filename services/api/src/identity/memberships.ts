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
export async function revokeTokensOf(tokens: TokenStore, workspaceId: number, name: string): Promise<void> {
  const owned = tokens.list((record) => record.scope === workspaceId && record.user_name === name);
  for (const record of owned) await tokens.delete(record.token_id);
}
