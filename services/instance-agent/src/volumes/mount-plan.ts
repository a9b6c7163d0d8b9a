import { isAbsolute, join, normalize } from 'node:path';
import type { V1Container, V1Volume } from '@kubernetes/client-node';
import { expandVariables } from '../env/variable-expansion.js';

/** One bind mount of a container: a directory or file of the host at a path of the container. */
export interface BindMount {
  source: string;
  target: string;
  readOnly: boolean;
}

export type MountPlan = { ok: true; mounts: BindMount[] } | { ok: false; message: string };

/** Volume types whose content the kubelet always mounts read-only. */
const READ_ONLY_TYPES = ['configMap', 'secret', 'downwardAPI', 'projected'] as const;

/**
 * The bind mounts of a container's volumeMounts: the volume's directory (`volumeDir`, or the host
 * path of a hostPath volume), or the subPath inside it, at mountPath; subPathExpr expands $(VAR)
 * of the container's env. Sorted so that a mount comes after the mounts of its parent paths.
 */
export function planMounts(
  container: V1Container,
  volumes: readonly V1Volume[],
  volumeDir: (name: string) => string,
  env: Readonly<Record<string, string>>,
): MountPlan {
  const mounts: BindMount[] = [];
  for (const mount of container.volumeMounts ?? []) {
    const volume = volumes.find((candidate) => candidate.name === mount.name);
    if (!volume)
      return {
        ok: false,
        message: `cannot find volume "${mount.name}" to mount into container "${container.name}"`,
      };
    if (!isAbsolute(mount.mountPath))
      return { ok: false, message: `mountPath "${mount.mountPath}" is not absolute` };
    const subPath = mount.subPathExpr ? expandVariables(mount.subPathExpr, env) : (mount.subPath ?? '');
    if (isAbsolute(subPath) || subPath.split('/').includes('..')) {
      return { ok: false, message: `subPath "${subPath}" must be a relative path without ".."` };
    }
    const root = volume.hostPath ? volume.hostPath.path : volumeDir(volume.name);
    mounts.push({
      source: subPath ? join(root, subPath) : root,
      target: normalize(mount.mountPath).replace(/(.)\/+$/, '$1'),
      readOnly: mount.readOnly === true || READ_ONLY_TYPES.some((type) => volume[type] !== undefined),
    });
  }
  mounts.sort((a, b) => depth(a.target) - depth(b.target));
  return { ok: true, mounts };
}

const depth = (path: string): number => path.split('/').filter(Boolean).length;
