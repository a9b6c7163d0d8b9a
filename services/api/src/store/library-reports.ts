import type { NodeLibraryReport } from '@brickyard/common/cluster-spec';
import { clusterLibrariesKey } from '@brickyard/common/vocabulary';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { temporarilyUnavailable } from '../errors/databricks-error.js';

function parsedReport(json: string): NodeLibraryReport | undefined {
  try {
    const report = JSON.parse(json) as NodeLibraryReport;
    return typeof report.updated_at === 'number' && typeof report.libraries === 'object' ? report : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the pods of each cluster report about their libraries (clusterLibrariesKey): the runtime
 * writes them, the API only reads them to answer the Libraries API's statuses.
 */
export class LibraryReports {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    this.redis.on('error', (error: unknown) => this.log.debug({ err: error }, 'Library reports Redis error'));
  }

  /** The reports of every pod that has published for the cluster, unreadable ones left out. */
  async ofCluster(clusterId: string): Promise<NodeLibraryReport[]> {
    let fields: Record<string, string>;
    try {
      fields = await this.redis.hgetall(clusterLibrariesKey(clusterId));
    } catch (error) {
      this.log.warn({ err: error, clusterId }, 'Failed to read library reports');
      throw temporarilyUnavailable('Library statuses are unavailable; retry');
    }
    return Object.values(fields).flatMap((json) => parsedReport(json) ?? []);
  }

  close(): void {
    this.redis.disconnect();
  }
}
