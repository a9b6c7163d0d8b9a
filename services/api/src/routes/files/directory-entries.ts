import type { Listing } from '@brickyard/common/storage';

/** One entry of a directory, named relative to it. */
export interface DirectoryEntry {
  name: string;
  isDirectory: boolean;
  /** Bytes; 0 for directories. */
  size: number;
  /** Epoch milliseconds; 0 for directories. */
  modifiedAt: number;
}

/**
 * Hadoop's s3n and EMRFS mark a directory `d` with an empty object `d_$folder$` beside it: it is
 * the directory, not a file.
 */
export const FOLDER_MARKER_SUFFIX = '_$folder$';

const byName = (a: DirectoryEntry, b: DirectoryEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The entries of one directory level, sorted by name, from a listing with delimiter '/' below
 * `prefix` (the directory's key prefix, ending with '/'). The directory's own marker (`prefix`
 * itself) is no entry; sub-directories are common prefixes and folder markers; a name that is
 * both a file and a directory (possible in S3, not in a file system) is the directory.
 */
export function directoryEntries(listing: Listing, prefix: string): DirectoryEntry[] {
  const entries = new Map<string, DirectoryEntry>();
  const directory = (name: string) => {
    if (name !== '') entries.set(name, { name, isDirectory: true, size: 0, modifiedAt: 0 });
  };
  for (const object of listing.objects) {
    const name = object.key.slice(prefix.length);
    if (name.endsWith(FOLDER_MARKER_SUFFIX)) {
      directory(name.slice(0, -FOLDER_MARKER_SUFFIX.length));
    } else if (name !== '' && !entries.get(name)?.isDirectory) {
      entries.set(name, { name, isDirectory: false, size: object.size, modifiedAt: object.lastModified });
    }
  }
  for (const sub of listing.prefixes) directory(sub.slice(prefix.length, -1));
  return [...entries.values()].sort(byName);
}
