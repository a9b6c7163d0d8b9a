import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  baseName,
  DBFS_AREA,
  FileTree,
  joinPath,
  normalizeAbsolutePath,
  type ObjectStoreRoot,
  parseDbfsPath,
  StorageError,
} from '@brickyard/common/storage';
import { invalidParameter, notImplemented, resourceDoesNotExist } from '../../errors/databricks-error.js';

/** Databricks' signed links last 15 minutes. */
const LINK_LIFETIME_SECONDS = 899;

export interface ArtifactFile {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

/**
 * The files of one registered model version, below the DBFS folder the tracking server names as
 * its download URI (a logged model's or a run's artifacts, in the caller's workspace DBFS).
 * Paths are relative to that folder, as the registry's artifact endpoints answer them.
 */
export class ModelVersionFiles {
  private readonly tree: FileTree;
  private readonly base: string;

  constructor(
    private readonly root: ObjectStoreRoot,
    downloadUri: string,
  ) {
    if (!downloadUri.startsWith('dbfs:/')) {
      throw notImplemented(
        `The model version is stored at ${downloadUri}: Brickyard serves models stored in DBFS`,
      );
    }
    this.tree = new FileTree(root, DBFS_AREA);
    this.base = parseDbfsPath(downloadUri);
  }

  /** A directory's entries, or the file itself as the only entry (what Databricks answers). */
  async list(relative: string): Promise<ArtifactFile[]> {
    const listing = await this.tree.list(this.absolute(relative)).catch(notFoundAsEmpty);
    if (!listing) return [];
    if (!listing.children) return [{ path: relative, is_dir: false, file_size: listing.entry.size }];
    return listing.children.map((child) => {
      const path = relative ? `${relative}/${baseName(child.path)}` : baseName(child.path);
      return child.isDirectory ? { path, is_dir: true } : { path, is_dir: false, file_size: child.size };
    });
  }

  /** A presigned GET of one file, for the S3 endpoint the client reaches. */
  async signedDownload(relative: string, links: S3Client): Promise<string> {
    const key = this.tree.keyOf(this.absolute(relative));
    if (!(await this.root.head(key))) {
      throw resourceDoesNotExist(`The model version has no file ${relative}`);
    }
    const command = new GetObjectCommand({ Bucket: this.root.bucket, Key: this.root.bucketKey(key) });
    return getSignedUrl(links, command, { expiresIn: LINK_LIFETIME_SECONDS });
  }

  private absolute(relative: string): string {
    if (relative === '') return this.base;
    try {
      return joinPath(this.base, normalizeAbsolutePath(`/${relative}`).slice(1));
    } catch (error) {
      if (error instanceof StorageError) throw invalidParameter(`Invalid artifact path: ${error.message}`);
      throw error;
    }
  }
}

function notFoundAsEmpty(error: unknown): undefined {
  if (error instanceof StorageError && error.kind === 'NOT_FOUND') return undefined;
  throw error;
}
