import { readFile, stat } from 'node:fs/promises';
import { createS3Client, dbfsObjectKey, ObjectStore } from '@brickyard/common/storage';
import type { Logger } from 'pino';
import type { SparkEngineConfig } from '../spark/spark-engine-config.js';
import type { LogFile } from './log-files.js';

/** Databricks delivers every five minutes; a local platform is looked at sooner. */
const DELIVER_EVERY_MS = 10_000;

interface ClusterLogShipperOptions {
  store: ObjectStore;
  workspaceId: number;
  clusterId: string;
  /** cluster_log_conf's DBFS destination, e.g. dbfs:/cluster-logs. */
  destination: string;
  /** The pod's log files now (an executor's appear when it starts). */
  files: () => Promise<LogFile[]>;
  log: Logger;
}

/**
 * Cluster log delivery (cluster_log_conf): copies the pod's Spark logs to
 * `<destination>/<cluster-id>/...` in the workspace's DBFS every few seconds, each file whole
 * when it has grown, and once more when the pod stops.
 */
class ClusterLogShipper {
  private timer: NodeJS.Timeout | undefined;
  private readonly delivered = new Map<string, number>();
  private delivering: Promise<void> = Promise.resolve();

  constructor(private readonly options: ClusterLogShipperOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.deliver(), DELIVER_EVERY_MS);
  }

  /** Stops the timer and delivers what the pod wrote last. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.deliver();
  }

  /** One delivery at a time: a slow store never has two copies of a file in flight. */
  deliver(): Promise<void> {
    this.delivering = this.delivering.then(() => this.deliverChanged());
    return this.delivering;
  }

  private async deliverChanged(): Promise<void> {
    const { store, workspaceId, clusterId, destination, log } = this.options;
    try {
      for (const file of await this.options.files()) {
        const size = await stat(file.localPath).then(
          (stats) => stats.size,
          () => undefined,
        );
        if (size === undefined || size === this.delivered.get(file.localPath)) continue;
        const key = dbfsObjectKey(workspaceId, `${destination}/${clusterId}/${file.deliveredAs}`);
        await store.root('').put(key, await readFile(file.localPath));
        this.delivered.set(file.localPath, size);
      }
    } catch (error) {
      log.warn({ err: error, destination }, 'Could not deliver the cluster logs');
    }
  }
}

/** What a pod with a cluster_log_conf delivers, and how it stops (with a last delivery). */
export interface ClusterLogDelivery {
  close(): Promise<void>;
}

/** Starts delivering a pod's logs when its cluster has a cluster_log_conf; undefined otherwise. */
export function startClusterLogDelivery(
  config: Pick<SparkEngineConfig, 'workspaceId' | 'clusterId' | 's3' | 'clusterLogDestination'>,
  files: () => Promise<LogFile[]>,
  log: Logger,
): ClusterLogDelivery | undefined {
  const destination = config.clusterLogDestination;
  if (!destination) return undefined;
  const client = createS3Client(config.s3);
  const shipper = new ClusterLogShipper({
    store: new ObjectStore(client, config.s3.bucket),
    workspaceId: config.workspaceId,
    clusterId: config.clusterId,
    destination,
    files,
    log,
  });
  shipper.start();
  return {
    close: async () => {
      await shipper.stop();
      client.destroy();
    },
  };
}
