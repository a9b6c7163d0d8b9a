import { DBFS_AREA, FileTree } from '@brickyard/common/storage';
import type { FastifyRequest } from 'fastify';
import type { ApiServices } from '../../services.js';
import { isMlflowArtifactsPath, parseMlflowArtifactsPath } from './mlflow-artifact-paths.js';
import { volumeFilesOf } from './resolve-volume.js';
import { ServedFiles } from './served-files.js';
import { assertFilePath, canonicalFilesPath, parseVolumeFilePath, parseVolumePath } from './volume-paths.js';

export interface FilesTarget {
  files: ServedFiles;
  /** The path inside `files`' tree. */
  path: string;
}

/**
 * The tree a Files API path is in, and the path inside it: a Unity Catalog volume, or an MLflow
 * run's or logged model's artifacts in the caller's workspace DBFS (which every user of the
 * workspace reaches: Brickyard has no experiment permissions).
 */
export function filesTarget(
  services: ApiServices,
  request: FastifyRequest,
  raw: string,
  names: 'file' | 'directory',
): FilesTarget {
  const canonical = canonicalFilesPath(raw);
  if (isMlflowArtifactsPath(canonical)) {
    if (names === 'file') assertFilePath(raw);
    const target = parseMlflowArtifactsPath(canonical);
    const workspaceRoot = services.storage.forWorkspace(request.workspace.workspaceId);
    const tree = new FileTree(workspaceRoot, `${DBFS_AREA}${target.dbfsRoot}`);
    return { files: new ServedFiles(target.root, tree), path: target.path };
  }
  const target = names === 'file' ? parseVolumeFilePath(raw) : parseVolumePath(raw);
  return { files: volumeFilesOf(services, request, target), path: target.path };
}
