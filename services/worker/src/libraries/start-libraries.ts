import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { warehouseClusterId } from '@brickyard/common/warehouse-spec';
import type { Logger } from 'pino';
import { JVM_LIBRARIES_VARIABLE, LIBRARIES_DIR_VARIABLE } from '../python/python-environment.js';
import { Dbfs } from '../storage/dbfs.js';
import type { RuntimeStorage } from '../storage/runtime-storage.js';
import { type JvmRole, LibraryInstaller } from './library-installer.js';
import { LibrarySync } from './library-sync.js';

export interface PodLibraries {
  installer: LibraryInstaller;
  stop: () => Promise<void>;
}

/**
 * The pod's libraries: a directory of its own, fresh at every start (so a restart leaves the
 * uninstalled ones behind), named in $BRICKYARD_LIBRARIES_DIR for the Python processes, and the
 * sync with the cluster's Libraries API list when the operator gave the pod the API's address
 * and token.
 */
/** The pod's libraries directories, named in the environment its Python and JVM processes inherit. */
export interface LibraryDirs {
  root: string;
  siteDir: string;
  jvmListFile: string;
}

/**
 * Makes the directories and names them in `env`: before any Python process or JVM starts, so
 * their importers and class loaders see what lands in them later. A pool pod does this before
 * its warm driver starts, long before it knows its cluster.
 */
export async function preparePodLibraries(
  jvm: JvmRole,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LibraryDirs> {
  const root = await mkdtemp(join(tmpdir(), 'brickyard-libraries-'));
  const siteDir = join(root, 'site-packages');
  await mkdir(siteDir, { recursive: true });
  env[LIBRARIES_DIR_VARIABLE] = siteDir;
  const jvmListFile = join(root, 'jvm-libraries');
  if (jvm === 'driver') env[JVM_LIBRARIES_VARIABLE] = jvmListFile;
  else delete env[JVM_LIBRARIES_VARIABLE];
  return { root, siteDir, jvmListFile };
}

export async function startPodLibraries(options: {
  config: { clusterId: string; workspaceId: number; redisUrl: string };
  storage: RuntimeStorage;
  python: string;
  jvm: JvmRole;
  log: Logger;
  env?: NodeJS.ProcessEnv;
  /** Directories prepared ahead (preparePodLibraries) for the same JVM role. */
  prepared?: LibraryDirs;
}): Promise<PodLibraries> {
  const env = options.env ?? process.env;
  const { config, storage, log } = options;
  const { root, siteDir, jvmListFile } = options.prepared ?? (await preparePodLibraries(options.jvm, env));
  const installer = new LibraryInstaller({
    siteDir,
    jvm: options.jvm,
    jvmListFile,
    python: options.python,
    workspaceId: config.workspaceId,
    storage,
    dbfs: new Dbfs(storage, config.workspaceId),
  });
  const { BRICKYARD_API_URL: url, BRICKYARD_API_TOKEN_FILE: tokenFile } = env;
  const podName = env.BRICKYARD_POD_NAME || env.HOSTNAME;
  // A SQL warehouse's compute has no libraries (the Libraries API does not list warehouses).
  const warehouse = config.clusterId.startsWith(warehouseClusterId(''));
  const sync =
    url && tokenFile && podName && !warehouse
      ? new LibrarySync({
          api: { url, tokenFile },
          clusterId: config.clusterId,
          podName,
          redis: createRedisConnection(config.redisUrl),
          installer,
          log: log.child({ component: 'libraries' }),
        })
      : undefined;
  if (!sync && !warehouse)
    log.warn('No API address or token: the cluster libraries are not installed on this pod');
  sync?.start();
  return {
    installer,
    stop: async () => {
      await sync?.stop();
      await rm(root, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
