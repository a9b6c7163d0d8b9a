import type { PrefixAccess } from '@brickyard/common/storage-credentials';
import { invalidParameter } from '../../errors/databricks-error.js';
import { keyPrefixIn, normalizeLocation, overlaps } from './locations.js';
import type { Metastore } from './metastore.js';

/**
 * What a temporary credential may reach: the operation asked for, as S3 access, and the storage
 * location, as a key prefix of the platform bucket.
 */

const TABLE_OPERATIONS: Readonly<Record<string, PrefixAccess>> = { READ: 'read', READ_WRITE: 'read-write' };
const PATH_OPERATIONS: Readonly<Record<string, PrefixAccess>> = {
  PATH_READ: 'read',
  PATH_READ_WRITE: 'read-write',
  PATH_CREATE_TABLE: 'read-write',
};

function accessOf(operations: Readonly<Record<string, PrefixAccess>>, operation: string): PrefixAccess {
  const access = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
  if (!access) {
    throw invalidParameter(
      `Invalid operation '${operation}': expected one of ${Object.keys(operations).join(', ')}`,
    );
  }
  return access;
}

export const tableAccessOf = (operation: string): PrefixAccess => accessOf(TABLE_OPERATIONS, operation);
export const pathAccessOf = (operation: string): PrefixAccess => accessOf(PATH_OPERATIONS, operation);

/** The key prefix of a table's or volume's storage location in the platform bucket. */
export function locationPrefix(bucket: string, location: string): string {
  const prefix = keyPrefixIn(bucket, normalizeLocation(location));
  if (!prefix) {
    throw invalidParameter(
      `Storage location ${location} is not in the object store Brickyard vends credentials for (s3://${bucket})`,
    );
  }
  return prefix;
}

/**
 * The key prefix of a path credential's URL. Brickyard has no external location objects: the
 * one it covers is the workspace's own storage, less the metastore's managed storage (whose
 * tables and volumes get credentials of their own). Any other URL is refused.
 */
export function pathPrefix(
  metastore: Metastore,
  bucket: string,
  rawUrl: string,
): { url: string; prefix: string } {
  const url = normalizeLocation(rawUrl);
  const workspaceRoot = metastore.storageRoot.slice(0, metastore.storageRoot.lastIndexOf('/unity-catalog/'));
  if (!url.startsWith(`${workspaceRoot}/`) || overlaps(url, metastore.storageRoot)) {
    throw invalidParameter(
      `No external location covers ${url}: path credentials are for the workspace's own storage ` +
        `(${workspaceRoot}/) outside the metastore's managed storage (${metastore.storageRoot})`,
    );
  }
  return { url, prefix: locationPrefix(bucket, url) };
}
