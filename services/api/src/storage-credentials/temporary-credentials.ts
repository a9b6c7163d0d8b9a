import {
  grantPrefix,
  type IamClient,
  type PrefixAccess,
  ScopedUserPaths,
} from '@brickyard/common/storage-credentials';
import { expiredTemporaryUsers, temporaryUserName } from './temporary-user-name.js';

/** S3 keys that reach one prefix of one bucket until `expiresAt`. */
export interface TemporaryCredential {
  accessKeyId: string;
  secretAccessKey: string;
  expiresAt: Date;
}

export interface TemporaryGrant {
  bucket: string;
  /** Relative, ending with '/'. */
  prefix: string;
  access: PrefixAccess;
}

/**
 * Unity Catalog's credential vending on versitygw's standalone IAM service: each credential is
 * an IAM user of its own whose one policy allows the prefix until the expiry. The gateway itself
 * refuses the keys from then on (the policy's aws:CurrentTime condition), so a key outlives its
 * expiry only as dead data; the reaper deletes those users, whoever made them and whenever.
 */
export class TemporaryCredentials {
  constructor(
    private readonly iam: IamClient,
    /** How long a credential lasts. */
    readonly lifetimeMs: number,
  ) {}

  /** User, policy, then key: a crash between them leaves a user the reaper still deletes. */
  async issue(grant: TemporaryGrant, now = new Date()): Promise<TemporaryCredential> {
    // Whole seconds: the policy's condition and the user's name both count in seconds.
    const expiresAt = new Date(Math.floor((now.getTime() + this.lifetimeMs) / 1000) * 1000);
    const userName = temporaryUserName(expiresAt);
    await grantPrefix(this.iam, userName, ScopedUserPaths.temporary, { ...grant, expiresAt });
    const key = await this.iam.createAccessKey(userName);
    return { ...key, expiresAt };
  }

  /** Deletes the users of every expired credential; says how many. */
  async reap(now = new Date()): Promise<number> {
    const expired = expiredTemporaryUsers(await this.iam.listUserNames(ScopedUserPaths.temporary), now);
    for (const userName of expired) await this.iam.deleteUserCompletely(userName);
    return expired.length;
  }
}
