import type { ComputeCallers } from '@brickyard/common/compute-callers';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { createS3Client, type ObjectStore } from '@brickyard/common/storage';
import type { Logger } from 'pino';
import type { ApiConfig } from '../config.js';
import { ResultChunks } from './result-chunks.js';
import { StatementService } from './statement-service.js';
import { StatementStore } from './statement-store.js';

/** The Statement Execution API's service for createApiServices. */
export function createStatementService(
  config: ApiConfig,
  storage: ObjectStore,
  computeCallers: ComputeCallers,
  log: Logger,
): StatementService {
  const store = new StatementStore(createRedisConnection(config.redisUrl), config.sql.historyTtlMs);
  return new StatementService({
    store,
    subscriber: createRedisConnection(config.redisUrl),
    chunks: new ResultChunks(
      storage,
      // Links are signed for the host the API's clients reach, which may not be the one it uses.
      createS3Client({ ...config.s3, endpoint: config.sql.linksEndpoint }),
      { store, ttlMs: config.sql.resultTtlMs },
    ),
    connectProtos: config.sql.connectProtos,
    computeCallers,
    chunkBytes: config.sql.chunkBytes,
    resultTtlMs: config.sql.resultTtlMs,
    log,
  });
}
