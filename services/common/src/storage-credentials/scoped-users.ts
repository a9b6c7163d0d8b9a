import type { IamClient } from './iam-client.js';
import { type PrefixGrant, prefixPolicyDocument } from './prefix-policy.js';

/**
 * The IAM users Brickyard makes for S3 keys confined to a prefix. Each kind has a path of its
 * own, so listing one kind (the reaper's temporary users) never touches another.
 */
export const ScopedUserPaths = {
  /** One user per workspace: the keys of its cluster pods, confined to workspaces/<id>/. */
  workspace: '/brickyard/workspaces/',
  /** Unity Catalog's temporary credentials: one user per credential, deleted once it expires. */
  temporary: '/brickyard/temporary/',
} as const;

/** The name of the one inline policy of a scoped user. */
const PREFIX_POLICY_NAME = 'prefix-grant';

/** Makes the user (if missing) and sets its one policy to the grant. */
export async function grantPrefix(
  iam: IamClient,
  userName: string,
  path: string,
  grant: PrefixGrant,
): Promise<void> {
  await iam.ensureUser(userName, path);
  await iam.putUserPolicy(userName, PREFIX_POLICY_NAME, prefixPolicyDocument(grant));
}
