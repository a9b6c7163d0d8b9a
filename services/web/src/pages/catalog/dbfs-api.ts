import { get } from '../../rest/client';
import { base64ToBytes } from '../workspace/base64';

/** A DBFS file or directory (FileInfo of dbfs/list and dbfs/get-status). */
export interface DbfsFile {
  path: string;
  is_dir: boolean;
  file_size: number;
  modification_time: number;
}

/** dbfs/read gives at most 1 MB a call. */
const READ_BYTES = 1024 * 1024;

/** Files up to this size download through the browser; larger ones are left to the CLI. */
export const MAX_DOWNLOAD_BYTES = 8 * 1024 * 1024;

/** What the page shows of a path: a directory's entries, or a file's facts (list gives the file itself). */
export type DbfsListing = { kind: 'directory'; entries: DbfsFile[] } | { kind: 'file'; file: DbfsFile };

export function listingOf(path: string, files: DbfsFile[]): DbfsListing {
  const only = files[0];
  if (files.length === 1 && only && !only.is_dir && only.path === path) return { kind: 'file', file: only };
  return { kind: 'directory', entries: files };
}

export const listDbfs = async (path: string): Promise<DbfsListing> =>
  listingOf(path, (await get<{ files?: DbfsFile[] }>('/api/2.0/dbfs/list', { path })).files ?? []);

/** Up to `length` bytes from the start of a file, read a MB at a time. */
export async function readDbfs(path: string, length: number): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [];
  let offset = 0;
  while (offset < length) {
    const want = Math.min(READ_BYTES, length - offset);
    const chunk = await get<{ bytes_read: number; data: string }>('/api/2.0/dbfs/read', {
      path,
      offset,
      length: want,
    });
    if (chunk.bytes_read === 0) break;
    parts.push(base64ToBytes(chunk.data));
    offset += chunk.bytes_read;
  }
  const bytes = new Uint8Array(offset);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

export const dbfsKeys = {
  list: (path: string) => ['dbfs', 'list', path] as const,
  preview: (path: string) => ['dbfs', 'preview', path] as const,
};
