import { readFile } from 'node:fs/promises';
import {
  type Library,
  libraryKey,
  type NodeLibraryReport,
  type NodeLibraryStatus,
} from '@brickyard/common/cluster-spec';
import { clusterLibrariesKey } from '@brickyard/common/vocabulary';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ApiReach } from '../spark/spark-engine-config.js';
import type { LibraryInstaller } from './library-installer.js';

/** How often a pod asks for its cluster's libraries and republishes its report. */
const SYNC_MS = 3_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** A gone pod's report goes with the key; the API ignores reports older than 30 s anyway. */
const TTL_MS = 60_000;

interface ClusterLibraryStatuses {
  library_statuses?: { library: Library; status: string }[];
}

/**
 * A pod's side of the Libraries API: every few seconds it asks the API (with the pod's service
 * account token) for its cluster's libraries, installs the ones it has not tried yet, in order,
 * and publishes how each went in Redis (clusterLibrariesKey, field = pod name) for the API's
 * statuses. What it installed stays until the pod is replaced: uninstalling takes a restart.
 * A pod that comes later (a new worker, a restart) installs the cluster's libraries on its own.
 */
export class LibrarySync {
  private timer: NodeJS.Timeout | undefined;
  private readonly statuses = new Map<string, NodeLibraryStatus>();
  private syncing = false;
  private failing = false;

  constructor(
    private readonly options: {
      api: ApiReach;
      clusterId: string;
      podName: string;
      redis: Redis;
      installer: LibraryInstaller;
      log: Logger;
    },
  ) {}

  start(): void {
    void this.sync();
    this.timer = setInterval(() => void this.sync(), SYNC_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    const { redis, clusterId, podName } = this.options;
    await redis.hdel(clusterLibrariesKey(clusterId), podName).catch(() => undefined);
    redis.disconnect();
  }

  private async sync(): Promise<void> {
    // A long install still republishes, so the API keeps counting this pod.
    if (this.syncing) return void (await this.publish().catch(() => undefined));
    this.syncing = true;
    try {
      const wanted = await this.requested();
      const fresh = wanted.filter((library) => !this.statuses.has(libraryKey(library)));
      for (const library of fresh) this.statuses.set(libraryKey(library), { status: 'PENDING' });
      await this.publish();
      for (const library of fresh) {
        const key = libraryKey(library);
        this.statuses.set(key, { status: 'INSTALLING' });
        await this.publish();
        const result = await this.options.installer.install(library);
        this.statuses.set(key, result);
        this.options.log.info({ library, ...result }, 'Installed library');
        await this.publish();
      }
      if (this.failing) this.options.log.info('Reading the cluster libraries again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.options.log.warn({ err: error }, 'Could not sync the cluster libraries');
      this.failing = true;
    } finally {
      this.syncing = false;
    }
  }

  /** The cluster's libraries as the API lists them, without those set to go at the next restart. */
  private async requested(): Promise<Library[]> {
    const { api, clusterId } = this.options;
    const token = (await readFile(api.tokenFile, 'utf8')).trim();
    const url = new URL('/api/2.0/libraries/cluster-status', api.url);
    url.searchParams.set('cluster_id', clusterId);
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok)
      throw new Error(`${url.pathname} answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as ClusterLibraryStatuses;
    return (body.library_statuses ?? [])
      .filter(({ status }) => status !== 'UNINSTALL_ON_RESTART')
      .map(({ library }) => library);
  }

  private async publish(): Promise<void> {
    const { redis, clusterId, podName } = this.options;
    const report: NodeLibraryReport = {
      updated_at: Date.now(),
      libraries: Object.fromEntries(this.statuses),
    };
    const key = clusterLibrariesKey(clusterId);
    await redis.multi().hset(key, podName, JSON.stringify(report)).pexpire(key, TTL_MS).exec();
  }
}
