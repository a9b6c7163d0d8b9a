import {
  DeleteObjectsCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { WorkspaceResource } from '@brickyard/common/crd';
import { PermanentError } from '@brickyard/common/kube';
import { s3Status, workspaceStorageRoot } from '@brickyard/common/storage';

/**
 * A workspace's storage root: the prefix `workspaces/<id>/` of the platform bucket, under which
 * DBFS and workspace files live. It exists once its marker object does.
 */

const MARKER_NAME = '.brickyard-workspace';

function markerKey(workspaceId: number): string {
  return `${workspaceStorageRoot(workspaceId)}${MARKER_NAME}`;
}

function storageRoot(bucket: string, workspaceId: number): string {
  return `s3://${bucket}/${workspaceStorageRoot(workspaceId)}`;
}

/** Refusals that retrying cannot fix (no access, no bucket) become PermanentErrors. */
function classified(error: unknown): unknown {
  if (s3Status(error) === 403 || (error instanceof Error && error.name === 'NoSuchBucket')) {
    return new PermanentError(`object store refused: ${(error as Error).message}`, { cause: error });
  }
  return error;
}

/** The object-store side of a workspace (crossplane's observe / create / delete, for S3). */
export class WorkspaceStorage {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  rootOf(workspaceId: number): string {
    return storageRoot(this.bucket, workspaceId);
  }

  async exists(workspaceId: number): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: markerKey(workspaceId) }));
      return true;
    } catch (error) {
      if (s3Status(error) === 404) return false;
      throw classified(error);
    }
  }

  /** Writes the marker unless one is there already (a conditional put: racing writers cannot both win). */
  async create(workspace: WorkspaceResource): Promise<void> {
    const { workspaceId, workspaceName } = workspace.spec;
    const uid = workspace.metadata.uid ?? '';
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: markerKey(workspaceId),
          Body: `${JSON.stringify({ workspace_id: workspaceId, workspace_name: workspaceName, uid })}\n`,
          ContentType: 'application/json',
          Metadata: { 'workspace-uid': uid },
          IfNoneMatch: '*',
        }),
      );
    } catch (error) {
      if (s3Status(error) === 412) return;
      throw classified(error);
    }
  }

  /** Deletes every object under the workspace's prefix; returns how many there were. */
  async deleteAll(workspaceId: number): Promise<number> {
    let deleted = 0;
    try {
      for (;;) {
        // Always list from the start: what was deleted is gone, so there is no page to continue from.
        const page = await this.s3.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: workspaceStorageRoot(workspaceId),
            MaxKeys: 1000,
          }),
        );
        const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
        if (keys.length === 0) return deleted;
        const result = await this.s3.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys, Quiet: true } }),
        );
        const failure = result.Errors?.[0];
        if (failure) throw new Error(`could not delete ${failure.Key}: ${failure.Code} ${failure.Message}`);
        deleted += keys.length;
      }
    } catch (error) {
      throw classified(error);
    }
  }
}
