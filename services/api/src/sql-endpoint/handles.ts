import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * The identifier of a session or an operation (THandleIdentifier): a UUID the client names it by
 * (the connectors print it as the session or statement id) and a secret it must send back with
 * it, so that a UUID seen in a log is not enough to use someone's session.
 */
export interface HandleIdentifier {
  /** The UUID in its text form; the Spark Connect session or operation uses it too. */
  id: string;
  guid: Buffer;
  secret: Buffer;
}

const GUID_BYTES = 16;
const SECRET_BYTES = 16;

export function newHandleIdentifier(): HandleIdentifier {
  const id = randomUUID();
  return { id, guid: Buffer.from(id.replaceAll('-', ''), 'hex'), secret: randomBytes(SECRET_BYTES) };
}

/** The UUID text of a guid the client sent, or undefined when it cannot be one of ours. */
export function handleId(guid: Buffer | undefined): string | undefined {
  if (!Buffer.isBuffer(guid) || guid.length !== GUID_BYTES) return undefined;
  const hex = guid.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function secretMatches(handle: HandleIdentifier, secret: Buffer | undefined): boolean {
  return Buffer.isBuffer(secret) && secret.length === SECRET_BYTES && timingSafeEqual(handle.secret, secret);
}
