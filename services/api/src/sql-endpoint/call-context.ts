import type { FastifyBaseLogger } from 'fastify';
import type { MetastoreView } from './metadata-results.js';
import type { SqlCompute } from './sql-compute.js';
import type { SqlEndpoint } from './sql-endpoint.js';
import type { SessionOwner } from './thrift-session.js';

/** What one HTTP request's Thrift call runs with: the caller, the compute of its path, the endpoint. */
export interface CallContext {
  endpoint: SqlEndpoint;
  owner: SessionOwner;
  compute: SqlCompute;
  metastore: () => MetastoreView;
  log: FastifyBaseLogger;
}
