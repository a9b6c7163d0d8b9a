import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import type { BindMount } from './mount-plan.js';

/** Whether containers can get mount namespaces here, with the programs that make them. */
export type MountSupport = { ok: true; unshare: string; mount: string } | { ok: false; reason: string };

/**
 * Runs inside the new mount namespace, as `sh -c SETUP sh <mount> <hold> <image>
 * (<source> <target> <ro|rw>)... -- <cwd> <argv>...`. The host's tree is first bound at <hold>,
 * so every source stays reachable whatever a mount hides; then each source is bind-mounted onto
 * its target (creating the target, and a missing subPath source, as the kubelet does) and
 * read-only ones remounted so. A volume mounted above <image> (the checkout that plays the
 * image, say under /tmp) would hide the image's own files, which no container image does, so
 * the image is bound back from <hold> after such mounts. Then it changes to the working
 * directory and execs the command, so the container's pid is the one the agent spawned. A setup
 * failure is written to fd 3, which the exec closes: an empty fd 3 means the command runs.
 */
const SETUP = `
fail() { printf '%s' "$1" >&3; exit 1; }
mount=$1 hold=$2 image=$3; shift 3
mkdir -p -- "$hold" 2>/dev/null || fail "cannot create $hold"
out=$("$mount" --rbind / "$hold" 2>&1) || fail "cannot bind the host tree at $hold: $out"
hidden=
while [ "$1" != -- ]; do
  src=$hold$1 dst=$2 mode=$3; shift 3
  [ -e "$src" ] || mkdir -p -- "$src" 2>/dev/null || fail "cannot create subPath $1"
  if [ -d "$src" ]; then
    mkdir -p -- "$dst" 2>/dev/null || fail "cannot create mount point $dst"
  elif [ ! -e "$dst" ]; then
    { mkdir -p -- "$(dirname -- "$dst")" && : >"$dst"; } 2>/dev/null || fail "cannot create mount point $dst"
  fi
  out=$("$mount" --bind -- "$src" "$dst" 2>&1) || fail "cannot mount $1 at $dst: $out"
  if [ "$mode" = ro ]; then
    out=$("$mount" -o remount,bind,ro -- "$dst" 2>&1) || fail "cannot make $dst read-only: $out"
  fi
  case $image/ in "\${dst%/}"/?*) hidden=yes ;; esac
done
shift
if [ -n "$hidden" ]; then
  mkdir -p -- "$image" 2>/dev/null || fail "cannot create mount point $image"
  out=$("$mount" --rbind -- "$hold$image" "$image" 2>&1) || fail "cannot keep the image at $image: $out"
fi
cd -- "$1" 2>/dev/null || fail "working directory \\"$1\\" does not exist"
shift
command -v -- "$1" >/dev/null 2>&1 || fail "exec: \\"$1\\": executable file not found in \\$PATH"
exec "$@" 3>&-
`;

/** Where, inside each container's mount namespace, the host's tree stays reachable. */
const HOST_TREE = '/run/brickyard-instance-agent/host';

/**
 * The argv that runs `argv` in `cwd` in a private mount namespace with the mounts in place.
 * Mounts come in the pod's order; those inside another mount's target must follow it, and mounts
 * inside the image are not supported below a mount that hides the image.
 */
export function namespacedArgv(
  support: { unshare: string; mount: string },
  mounts: readonly BindMount[],
  cwd: string,
  argv: readonly string[],
  image: string,
): string[] {
  return [
    support.unshare,
    '--mount',
    '--propagation',
    'private',
    '--',
    '/bin/sh',
    '-c',
    SETUP,
    'sh',
    support.mount,
    HOST_TREE,
    image,
    ...mounts.flatMap((mount) => [mount.source, mount.target, mount.readOnly ? 'ro' : 'rw']),
    '--',
    cwd,
    ...argv,
  ];
}

/** Tries `unshare --mount` once, at agent start: containers with volumeMounts need it. */
export async function probeMountNamespaces(path = process.env.PATH ?? ''): Promise<MountSupport> {
  const unshare = findProgram('unshare', path);
  const mount = findProgram('mount', path);
  if (!unshare || !mount) return { ok: false, reason: 'unshare and mount (util-linux) are not on the PATH' };
  try {
    await promisify(execFile)(
      unshare,
      ['--mount', '--propagation', 'private', '--', mount, '--bind', '/', '/'],
      {
        timeout: 10_000,
      },
    );
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return { ok: false, reason: `unshare --mount failed: ${stderr || (error as Error).message}` };
  }
  return { ok: true, unshare, mount };
}

function findProgram(name: string, path: string): string | undefined {
  for (const directory of path.split(delimiter)) {
    if (!directory) continue;
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
