import { workspaceStorageRoot } from '@brickyard/common/storage';
import {
  type AccessKey,
  grantPrefix,
  type IamClient,
  type PrefixGrant,
  ScopedUserPaths,
} from '@brickyard/common/storage-credentials';

/**
 * A workspace's S3 keys, as users of the object store's IAM service, each confined to the
 * workspace's storage root `workspaces/<id>/`:
 * - runtime (`workspace-<id>`): the cluster pods' keys, in the runtime Secret. They also reach
 *   what is outside `workspaces/` (external tables' storage, which is nobody's own), never
 *   another workspace's files, nor administer the object store as the root keys could.
 * - mount (`workspace-<id>-mount`): the node's keys for the DBFS mount, in the storage mount
 *   Secret, which pods never see. s3fs lists the bucket's root before it mounts a prefix, so
 *   these may list it without a prefix (key names only).
 * IAM only shows a secret key when it makes it, so the Secrets are where the operator finds them
 * again.
 */
export type WorkspaceKeyHolder = 'runtime' | 'mount';

/** The parent of every workspace's storage root: of it, a workspace reaches only its own. */
const WORKSPACES_PREFIX = 'workspaces/';

export function workspaceUserName(workspaceId: number, holder: WorkspaceKeyHolder): string {
  return holder === 'runtime' ? `workspace-${workspaceId}` : `workspace-${workspaceId}-mount`;
}

export function workspaceGrant(bucket: string, workspaceId: number, holder: WorkspaceKeyHolder): PrefixGrant {
  const own = { bucket, prefix: workspaceStorageRoot(workspaceId), access: 'read-write' as const };
  return holder === 'runtime' ? { ...own, outside: WORKSPACES_PREFIX } : { ...own, mountCheck: true };
}

export class WorkspaceKeys {
  constructor(
    private readonly iam: IamClient,
    private readonly bucket: string,
  ) {}

  /**
   * Sets the user's policy and returns the keys to hand out: `current` (what the Secret holds)
   * while IAM still has it, else a new key, made after deleting the user's other keys (no Secret
   * holds them, so nobody can: a crash between making a key and storing it left them).
   */
  async ensure(
    workspaceId: number,
    holder: WorkspaceKeyHolder,
    current: AccessKey | undefined,
  ): Promise<AccessKey> {
    const userName = workspaceUserName(workspaceId, holder);
    await grantPrefix(
      this.iam,
      userName,
      ScopedUserPaths.workspace,
      workspaceGrant(this.bucket, workspaceId, holder),
    );
    const keyIds = await this.iam.listAccessKeyIds(userName);
    if (current && keyIds.includes(current.accessKeyId)) return current;
    for (const keyId of keyIds) await this.iam.deleteAccessKey(userName, keyId);
    return this.iam.createAccessKey(userName);
  }

  /** Revokes the workspace's keys and deletes its users (once its pods are gone). */
  async remove(workspaceId: number): Promise<void> {
    await this.iam.deleteUserCompletely(workspaceUserName(workspaceId, 'runtime'));
    await this.iam.deleteUserCompletely(workspaceUserName(workspaceId, 'mount'));
  }
}
