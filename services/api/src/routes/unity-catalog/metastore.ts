import { nameBasedUuid } from '@brickyard/common/ids';
import { dbfsDirectoryPrefix, workspaceStorageRoot } from '@brickyard/common/storage';
import type { WorkspaceContext } from '../../auth/caller.js';

/** The system's own name, as Unity Catalog shows it on what it creates and owns. */
export const SYSTEM_USER = 'System user';
export const DEFAULT_CATALOG = 'main';
const VOLUMES_PATH = '/Volumes';

/** A workspace's metastore: each workspace has its own, so no workspace sees another's catalogs. */
export interface Metastore {
  id: string;
  workspaceId: number;
  namespace: string;
  /** s3://<bucket>/workspaces/<id>/unity-catalog/<metastore id>: managed tables go below. */
  storageRoot: string;
  /**
   * s3://<bucket>/workspaces/<id>/dbfs/Volumes: managed volumes keep their files by name below, where
   * `dbfs:/Volumes/...` and the `/Volumes` mount of Spark pods find them, as on Databricks.
   */
  volumesRoot: string;
  region: string;
  /** When the workspace was created (epoch ms): the metastore came with it. */
  createdAt: number;
}

function metastoreIdOf(workspaceId: number): string {
  return nameBasedUuid(`metastore/workspace-${workspaceId}`);
}

export function metastoreOf(bucket: string, workspace: WorkspaceContext): Metastore {
  const { workspaceId, namespace, resource } = workspace;
  const id = metastoreIdOf(workspaceId);
  const created = resource.metadata.creationTimestamp;
  return {
    id,
    workspaceId,
    namespace,
    storageRoot: `s3://${bucket}/${workspaceStorageRoot(workspaceId)}unity-catalog/${id}`,
    volumesRoot: `s3://${bucket}/${dbfsDirectoryPrefix(workspaceId, VOLUMES_PATH).replace(/\/$/, '')}`,
    region: resource.spec.awsRegion ?? 'us-east-1',
    createdAt: created ? new Date(created).getTime() : 0,
  };
}

/** Where a managed table's files go: `<storage root>/tables/<id>`. */
export function managedTableLocation(metastore: Metastore, tableId: string): string {
  return `${metastore.storageRoot}/tables/${tableId}`;
}

/** Where a managed volume's files go: `<volumes root>/<catalog>/<schema>/<volume>`, its /Volumes path. */
export function managedVolumeLocation(metastore: Metastore, fullName: string): string {
  return `${metastore.volumesRoot}/${fullName.split('.').join('/')}`;
}

/** The roots below which the metastore deletes the files of what it manages. */
export function managedRoots(metastore: Metastore): string[] {
  return [metastore.storageRoot, metastore.volumesRoot];
}
