import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

/**
 * S3 volumes (CSI driver s3.csi.aws.com, Mountpoint for Amazon S3's name): a prefix of a bucket
 * mounted as a directory with s3fs-fuse, the Debian package that speaks to any S3 endpoint. The
 * mount lives in the host's mount namespace under the pod's volume directory, so the bind mounts
 * of mount-namespace.ts carry it into the containers. s3fs keeps running after the agent stops;
 * the next agent finds the mount and keeps it.
 */

export interface S3VolumeSpec {
  bucket: string;
  /** Key prefix inside the bucket, with no leading slash ('' for the whole bucket). */
  prefix: string;
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const run = promisify(execFile);

/**
 * The options s3fs gets: path-style requests (the local S3 server), and a stat cache of a second
 * so a file another pod or Spark just wrote shows at once.
 */
export function s3fsArgs(spec: S3VolumeSpec, target: string, passwdFile: string): string[] {
  const prefix = spec.prefix.replace(/^\/+|\/+$/g, '');
  return [
    prefix ? `${spec.bucket}:/${prefix}` : spec.bucket,
    target,
    '-o',
    [
      `passwd_file=${passwdFile}`,
      `url=${spec.endpoint}`,
      `endpoint=${spec.region}`,
      'use_path_request_style',
      'allow_other',
      'stat_cache_expire=1',
    ].join(','),
  ];
}

/** Mount points listed by /proc/self/mountinfo (octal escapes of spaces and the like decoded). */
export function parseMountPoints(mountinfo: string): string[] {
  return mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((field): field is string => field !== undefined && field !== '')
    .map((field) =>
      field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8))),
    );
}

export async function mountPointsUnder(directory: string): Promise<string[]> {
  const points = parseMountPoints(await readFile('/proc/self/mountinfo', 'utf8'));
  const prefix = `${directory.replace(/\/+$/, '')}/`;
  return points.filter((point) => point.startsWith(prefix));
}

export async function mountS3(spec: S3VolumeSpec, target: string, passwdFile: string): Promise<void> {
  if (await isMounted(target)) return;
  await writeFile(passwdFile, `${spec.accessKeyId}:${spec.secretAccessKey}\n`, { mode: 0o600 });
  await run('s3fs', s3fsArgs(spec, target, passwdFile), { timeout: 30_000 });
}

async function isMounted(target: string): Promise<boolean> {
  const points = parseMountPoints(await readFile('/proc/self/mountinfo', 'utf8'));
  return points.includes(target.replace(/\/+$/, ''));
}

/**
 * Unmounts everything mounted below `directory`, deepest first, and says whether nothing is left:
 * a pod's directory is removed only then, so removing it can never delete a bucket's objects
 * through a mount that is still there.
 */
export async function unmountAllUnder(directory: string): Promise<boolean> {
  const points = (await mountPointsUnder(directory)).sort((a, b) => b.length - a.length);
  for (const point of points) {
    try {
      await run('umount', [point], { timeout: 30_000 });
    } catch {
      // Busy: detach it now; it goes once its last user does.
      await run('umount', ['--lazy', point], { timeout: 30_000 }).catch(() => undefined);
    }
  }
  return (await mountPointsUnder(directory)).length === 0;
}
