import { expandVariables } from '../env/variable-expansion.js';

/** What an image stands for on this machine: the command of its entrypoint and its default args. */
export interface ImageEntrypoint {
  command: readonly string[];
  args: readonly string[];
}

export interface ContainerCommandSpec {
  image?: string | undefined;
  command?: readonly string[] | undefined;
  args?: readonly string[] | undefined;
}

export type CommandResolution =
  | { ok: true; argv: string[] }
  | { ok: false; reason: 'ErrImagePull' | 'RunContainerError'; message: string };

/**
 * The repository of an image reference, the key of the images map: without tag or digest, and
 * without Docker Hub's implicit `docker.io/` and `library/` prefixes.
 */
export function imageRepository(image: string): string {
  let name = image.trim();
  const digest = name.indexOf('@');
  if (digest !== -1) name = name.slice(0, digest);
  const lastSlash = name.lastIndexOf('/');
  const tag = name.lastIndexOf(':');
  if (tag > lastSlash) name = name.slice(0, tag);
  if (name.startsWith('docker.io/')) name = name.slice('docker.io/'.length);
  if (name.startsWith('library/')) name = name.slice('library/'.length);
  return name;
}

/**
 * The argv of a container, with Kubernetes' rules for command and args: `command` replaces the
 * image's entrypoint and its default args; `args` alone replaces only the default args. Both go
 * through $(VAR) expansion against the container's environment.
 */
export function resolveCommand(
  container: ContainerCommandSpec,
  images: ReadonlyMap<string, ImageEntrypoint>,
  env: Readonly<Record<string, string>>,
): CommandResolution {
  const command = container.command?.length ? container.command : undefined;
  const args = container.args?.length ? container.args : undefined;
  let argv: readonly string[];
  if (command) {
    argv = [...command, ...(args ?? [])];
  } else {
    const image = container.image ?? '';
    const entrypoint = images.get(imageRepository(image));
    if (!entrypoint) {
      return {
        ok: false,
        reason: 'ErrImagePull',
        message:
          `image "${image}" is not mapped to a command in the instance agent config (images), ` +
          'and the container sets no command',
      };
    }
    argv = [...entrypoint.command, ...(args ?? entrypoint.args)];
  }
  const expanded = argv.map((part) => expandVariables(part, env));
  if (!expanded[0]) {
    return { ok: false, reason: 'RunContainerError', message: 'the container has an empty command' };
  }
  return { ok: true, argv: expanded };
}
