import type { ObjectInfo } from './workspace-api';

/** Folders first, then notebooks and files, each by name as people read it (a2 before a10). */
export function sortObjects<T extends Pick<ObjectInfo, 'object_type' | 'path'>>(objects: readonly T[]): T[] {
  const rank = (object: T) => (object.object_type === 'DIRECTORY' ? 0 : 1);
  return [...objects].sort(
    (a, b) =>
      rank(a) - rank(b) || a.path.localeCompare(b.path, undefined, { numeric: true, sensitivity: 'base' }),
  );
}
