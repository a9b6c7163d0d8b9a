import { randomBytes } from 'node:crypto';

/**
 * A temporary credential's IAM user carries its expiry in its name, `uc-<epoch seconds>-<random>`:
 * the reaper finds what to delete from one ListUsers, and a user the API made just before it
 * crashed still says when it is due, with nothing else to remember.
 */

const NAME = /^uc-(\d{10,12})-[0-9a-f]{16}$/;

export function temporaryUserName(expiresAt: Date, random: Buffer = randomBytes(8)): string {
  return `uc-${Math.ceil(expiresAt.getTime() / 1000)}-${random.toString('hex').slice(0, 16).padStart(16, '0')}`;
}

/** When the user's credential expires; undefined for a name Brickyard did not make. */
export function expiryOfTemporaryUser(userName: string): Date | undefined {
  const seconds = NAME.exec(userName)?.[1];
  return seconds === undefined ? undefined : new Date(Number(seconds) * 1000);
}

/** The users whose credential expired at `now` or before, of the names given. */
export function expiredTemporaryUsers(userNames: readonly string[], now: Date): string[] {
  return userNames.filter((name) => {
    const expiry = expiryOfTemporaryUser(name);
    return expiry !== undefined && expiry.getTime() <= now.getTime();
  });
}
