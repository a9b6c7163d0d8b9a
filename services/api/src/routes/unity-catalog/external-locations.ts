import { workspaceStorageRoot } from '@brickyard/common/storage';
import { invalidParameter } from '../../errors/databricks-error.js';
import { normalizeLocation, overlaps } from './locations.js';
import type { MetastoreContext } from './metastore-context.js';

/**
 * The storage location of a new external table or volume, as stored. Of the workspaces' storage
 * in the platform bucket it may use only its own workspace's (no workspace reads another's
 * files), and never the metastore's managed storage; it may share no files with another table or
 * volume.
 */
export function externalLocation(ctx: MetastoreContext, raw: string): string {
  const location = normalizeLocation(raw);
  const bucket = `s3://${ctx.services.storage.bucket}`;
  const ownRoot = `${bucket}/${workspaceStorageRoot(ctx.metastore.workspaceId)}`;
  // s3://<bucket>/workspaces: the parent of every workspace's storage root.
  const allWorkspaces = ownRoot.slice(0, ownRoot.lastIndexOf('/', ownRoot.length - 2));
  if (overlaps(location, allWorkspaces) && !location.startsWith(ownRoot)) {
    throw invalidParameter(`Storage location ${location} is in the storage of another workspace`);
  }
  if (overlaps(location, ctx.metastore.storageRoot)) {
    throw invalidParameter(
      `Storage location ${location} overlaps the metastore's managed storage ${ctx.metastore.storageRoot}`,
    );
  }
  const other = ctx.objects
    .allTablesAndVolumes()
    .find(
      (object) =>
        object.spec.storageLocation !== undefined && overlaps(location, object.spec.storageLocation),
    );
  if (other) {
    throw invalidParameter(`Storage location ${location} overlaps the location of ${other.spec.fullName}`);
  }
  return location;
}
