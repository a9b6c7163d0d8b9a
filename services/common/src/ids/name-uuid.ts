import { createHash } from 'node:crypto';

/** The namespace of Brickyard's name-based UUIDs (RFC 9562 section 5.5), fixed for good. */
const BRICKYARD_NAMESPACE = Buffer.from('6f1c2a9e4b7d4e0f9a3c5d8e7f1b2c4d', 'hex');

/**
 * A UUID (version 5) that is a function of `name`: the same name gives the same id in every
 * process and every run, so objects that must exist once (a workspace's metastore, its default
 * catalogs) can be created by whoever comes first and collide as AlreadyExists otherwise.
 */
export function nameBasedUuid(name: string): string {
  const bytes = createHash('sha1').update(BRICKYARD_NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
