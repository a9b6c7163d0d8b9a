/**
 * bench/api: the API's cached read (clusters/get) and its write path (clusters/create) under
 * autocannon, beside a bare Fastify hello-world started in the same run; and what the audit log
 * costs per call (audit-cost.ts).
 * Usage: source .brickyard/env && npm run bench:api -- [--duration 10]
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { clientFor, readApiEnv } from '../../test/integration/support/api-client.js';
import { dedicatedWorkspace } from '../../test/integration/support/workspaces.js';
import { figureOf, printTable } from '../support/report.js';
import { startServer } from '../support/server-process.js';
import { measureAuditCost } from './audit-cost.js';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' } } });
const duration = Number(values.duration);
const CONNECTIONS = 20;
const env = readApiEnv();

// Whatever fails (a workspace that does not come up on a loaded machine, say), the baseline
// server and the workspace started here are stopped before the process ends.
const baseline = await startServer('bench/support/hello-server.ts');
try {
  // A workspace of its own, so the clusters the benchmark creates are removed with it.
  const workspace = await dedicatedWorkspace('bench-api');
  try {
    await measure(workspace.token);
  } finally {
    await workspace.remove();
  }
} finally {
  baseline.stop();
}

async function measure(token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const api = clientFor(env.host, token);
  const cluster = await api<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
    body: { cluster_name: 'bench-read', spark_version: '19.3.x-no-spark-scala2.13', num_workers: 0 },
  });
  const readUrl = `${env.host}/api/2.1/clusters/get?cluster_id=${cluster.body.cluster_id}`;

  const hello = await autocannon({
    url: `http://127.0.0.1:${baseline.ports[0]}/hello`,
    connections: CONNECTIONS,
    duration,
  });
  const read = await autocannon({ url: readUrl, connections: CONNECTIONS, duration, headers });
  // Before the creates: the operator reconciling 400 new clusters would load the machine under it.
  const audit = await measureAuditCost({
    headers,
    clusterId: cluster.body.cluster_id,
    duration,
    connections: CONNECTIONS,
    redisUrl: process.env.REDIS_URL as string,
  });
  const create = await autocannon({
    url: `${env.host}/api/2.1/clusters/create`,
    method: 'POST',
    connections: CONNECTIONS,
    amount: 400,
    headers,
    body: JSON.stringify({
      cluster_name: 'bench-create',
      spark_version: '19.3.x-no-spark-scala2.13',
      num_workers: 0,
    }),
  });

  const figures = [
    figureOf('bare Fastify hello-world (baseline)', hello),
    figureOf('clusters/get (cached read)', read),
    figureOf('clusters/create (400 creates)', create),
    ...audit.figures,
  ];
  printTable(figures);
  const ratio = (read.requests.average / hello.requests.average) * 100;
  console.log(`\ncached read at ${ratio.toFixed(0)}% of hello-world req/s (target >= 40%)`);
  console.log(
    `create p99 ${create.latency.p99} ms, ${create.non2xx + create.errors} failed of 400, with ${CONNECTIONS} concurrent clients (target <= 100 ms, 0 failed)`,
  );
  console.log(`\n${audit.summary}`);
}
