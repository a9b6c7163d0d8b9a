import { parseWorkspacePath, workspaceObjectKey } from '@brickyard/common/storage';
import type { RuntimeStorage } from './storage/runtime-storage.js';

export interface WorkspaceSource {
  /** The canonical workspace path that matched, with the extension it was found under. */
  path: string;
  key: string;
  text: string;
}

/**
 * Reads a workspace object's text, trying the path as given and then with each extension:
 * notebooks are stored without one, plain files (a .py, a .sql) keep theirs.
 */
export async function loadWorkspaceSource(
  storage: RuntimeStorage,
  workspaceId: number,
  path: string,
  extensions: readonly string[],
): Promise<WorkspaceSource | undefined> {
  const canonical = parseWorkspacePath(path);
  for (const extension of ['', ...extensions]) {
    if (extension && canonical.toLowerCase().endsWith(extension)) continue;
    const candidate = canonical + extension;
    const key = workspaceObjectKey(workspaceId, candidate);
    const body = await storage.get(key);
    if (body !== undefined) return { path: candidate, key, text: body.toString('utf8') };
  }
  return undefined;
}
