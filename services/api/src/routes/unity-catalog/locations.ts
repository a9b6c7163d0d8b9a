import { invalidParameter } from '../../errors/databricks-error.js';

/**
 * Storage locations of tables and volumes: URLs of the platform's S3-compatible store, written
 * with the `s3://` scheme (the runtime maps it to S3A; delta-rs reads it as it is).
 */

const S3_SCHEMES = /^s3[an]?:\/\//i;

/** The location in its stored form: `s3://bucket/key`, without a trailing slash. */
export function normalizeLocation(raw: string): string {
  const trimmed = raw.trim();
  if (!S3_SCHEMES.test(trimmed)) {
    throw invalidParameter(
      `Invalid storage location '${raw}': Brickyard stores data in S3 (s3://bucket/path)`,
    );
  }
  const rest = trimmed.replace(S3_SCHEMES, '').replace(/\/+$/, '');
  const [bucket, ...key] = rest.split('/');
  if (!bucket || key.length === 0 || key.some((segment) => segment === '' || segment === '..')) {
    throw invalidParameter(`Invalid storage location '${raw}': expected s3://bucket/path`);
  }
  return `s3://${rest}`;
}

/** True when one location is the other or lies below it: two objects cannot share their files. */
export function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** The key prefix (ending with '/') of everything below a location in `bucket`; undefined elsewhere. */
export function keyPrefixIn(bucket: string, location: string): string | undefined {
  const start = `s3://${bucket}/`;
  return location.startsWith(start) ? `${location.slice(start.length)}/` : undefined;
}
