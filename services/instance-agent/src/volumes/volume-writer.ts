import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { VolumeFile } from './volume-files.js';

const DATA_LINK = '..data';

/**
 * Writes a volume's files the way the kubelet's AtomicWriter does, so a process never reads a
 * half-updated volume: the files go into a fresh hidden directory, the `..data` symlink is swapped
 * to it in one rename, and each visible top-level name is a symlink through `..data`. Through a
 * bind mount of `dir` the process sees every update. Resolves whether anything changed.
 */
export async function writeVolumeFiles(dir: string, files: readonly VolumeFile[]): Promise<boolean> {
  await mkdir(dir, { recursive: true });
  const version = `..${fingerprint(files)}`;
  const current = await readlink(join(dir, DATA_LINK)).catch(() => undefined);
  if (current === version) return false;

  const versionDir = join(dir, version);
  await rm(versionDir, { recursive: true, force: true });
  await mkdir(versionDir);
  for (const file of files) {
    const path = join(versionDir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.data);
    // chmod after writing: the mode must not be narrowed by the agent's umask.
    await chmod(path, file.mode);
  }
  const tmpLink = join(dir, `${DATA_LINK}_tmp`);
  await rm(tmpLink, { force: true });
  await symlink(version, tmpLink);
  await rename(tmpLink, join(dir, DATA_LINK));

  const visible = new Set(files.map((file) => file.path.split('/')[0] ?? ''));
  for (const name of visible) {
    const link = join(dir, name);
    const existing = await lstat(link).catch(() => undefined);
    if (!existing) await symlink(join(DATA_LINK, name), link);
  }
  for (const entry of await readdir(dir)) {
    if (entry === DATA_LINK || entry === version) continue;
    // Old versions and the links of names the volume no longer has.
    if (entry.startsWith('..') || !visible.has(entry))
      await rm(join(dir, entry), { recursive: true, force: true });
  }
  return true;
}

function fingerprint(files: readonly VolumeFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    hash.update(`${file.path}\0${file.mode}\0${file.data.length}\0`);
    hash.update(file.data);
  }
  return hash.digest('hex').slice(0, 16);
}
