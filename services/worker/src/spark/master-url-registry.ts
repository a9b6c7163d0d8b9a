import { clusterSparkMasterKey } from '@brickyard/common/vocabulary';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** A published URL lives this long without a refresh: a dead driver's is gone within it. */
const TTL_MS = 30_000;
const REFRESH_MS = 10_000;

/** Deletes the key only while it still holds our URL (a new driver may have replaced it). */
const DELETE_IF_OURS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/** The driver pod's side: keeps its master URL in Redis while the master runs. */
export class MasterUrlPublisher {
  private timer: NodeJS.Timeout | undefined;
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    clusterId: string,
    private readonly url: string,
    private readonly log: Logger,
  ) {
    this.key = clusterSparkMasterKey(clusterId);
  }

  start(): void {
    const publish = () =>
      this.redis.set(this.key, this.url, 'PX', TTL_MS).then(
        () => true,
        (error: unknown) => {
          this.log.warn({ err: error }, 'Failed to publish the Spark master URL');
          return false;
        },
      );
    void publish().then((published) => {
      if (published) this.log.info({ key: this.key, url: this.url }, 'Published Spark master URL');
    });
    this.timer = setInterval(publish, REFRESH_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.eval(DELETE_IF_OURS, 1, this.key, this.url).catch(() => undefined);
  }
}

/** The worker pod's side: the master URL its driver published, if any. */
export async function readMasterUrl(redis: Redis, clusterId: string): Promise<string | undefined> {
  return (await redis.get(clusterSparkMasterKey(clusterId))) ?? undefined;
}
