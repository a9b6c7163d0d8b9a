import type { TreeEntry } from '@brickyard/common/storage';
import { Type } from 'typebox';

/** A DBFS file or directory, as get-status and list describe it. */
export const FileInfo = Type.Object({
  path: Type.String({ description: 'absolute DBFS path, without the dbfs: scheme' }),
  is_dir: Type.Boolean(),
  file_size: Type.Integer({ description: 'bytes; 0 for directories' }),
  modification_time: Type.Integer({ description: 'epoch milliseconds' }),
});

export function toFileInfo(entry: TreeEntry) {
  return {
    path: entry.path,
    is_dir: entry.isDirectory,
    file_size: entry.size,
    modification_time: entry.modifiedAt,
  };
}

export const Empty = Type.Object({});

/** Inline contents (put) and blocks (add-block) are at most 1 MB; reads likewise. */
export const MAX_BLOCK_BYTES = 1024 * 1024;
export const MAX_READ_BYTES = 1024 * 1024;
export const DEFAULT_READ_BYTES = 512 * 1024;
