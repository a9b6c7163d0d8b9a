import { clusterSparkDemandKey } from '@brickyard/common/vocabulary';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type ActiveStage, demandHash, type ExecutorSummary, sparkDemandOf } from './spark-demand.js';

/** As often as the operator's demand poll: a scale-up waits for at most one of each. */
const PUBLISH_MS = 2_000;
const REQUEST_TIMEOUT_MS = 1_500;
/** A dead driver's last report goes with the key; the operator also ignores reports > 30 s old. */
const TTL_MS = 60_000;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/**
 * The driver pod's side of Spark-driven autoscaling: every two seconds it reads the driver's
 * monitoring API (pending and running tasks of active stages, executors with tasks) and writes
 * the report to Redis for the operator. While the driver has no application yet, nothing is sent.
 */
export class SparkDemandPublisher {
  private timer: NodeJS.Timeout | undefined;
  private readonly key: string;
  private failing = false;

  constructor(
    private readonly redis: Redis,
    clusterId: string,
    private readonly uiUrl: string,
    private readonly defaultCoresPerWorker: number,
    private readonly log: Logger,
  ) {
    this.key = clusterSparkDemandKey(clusterId);
  }

  start(): void {
    this.timer = setInterval(() => void this.publish(), PUBLISH_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.del(this.key).catch(() => undefined);
  }

  private async publish(): Promise<void> {
    try {
      const api = `${this.uiUrl}/api/v1/applications`;
      const [application] = await getJson<{ id: string }[]>(api);
      if (!application) return;
      const [stages, executors] = await Promise.all([
        getJson<ActiveStage[]>(`${api}/${application.id}/stages?status=active`),
        getJson<ExecutorSummary[]>(`${api}/${application.id}/executors`),
      ]);
      const report = sparkDemandOf(stages, executors, this.defaultCoresPerWorker);
      await this.redis
        .multi()
        .hset(this.key, demandHash(report, Date.now()))
        .pexpire(this.key, TTL_MS)
        .exec();
      if (this.failing) this.log.info('Publishing Spark demand again');
      this.failing = false;
    } catch (error) {
      // The UI is not up during the driver's first seconds; only a change to failing is news.
      if (!this.failing) this.log.debug({ err: error }, 'Could not read or publish Spark demand');
      this.failing = true;
    }
  }
}
