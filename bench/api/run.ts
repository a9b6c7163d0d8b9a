/**
 * bench/api: the API's cached read (clusters/get) and its write path (clusters/create) under
 * autocannon, beside a bare Fastify hello-world started in the same run; and what the audit log
 * costs: the same calls to the API built with and without it (bench/api/audit-servers.ts), a read
 * (recorded after its answer) and a POST (recorded before it).
 * Usage: source .brickyard/env && npm run bench:api -- [--duration 10]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { clientFor, eventually, readApiEnv } from '../../test/integration/support/api-client.js';
import { sourceEntry } from '../../test/integration/support/source-entry.js';
import { dedicatedWorkspace } from '../../test/integration/support/workspaces.js';
import { figureOf, printTable } from '../support/report.js';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' } } });
const duration = Number(values.duration);
const CONNECTIONS = 20;
const env = readApiEnv();

/** A server process of `entry`, and the ports it prints once it listens. */
async function startServer(entry: string): Promise<{ ports: string[]; stop: () => void }> {
  const child = spawn(process.execPath, sourceEntry(entry), { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  return { ports: chunk.toString().trim().split(' '), stop: () => child.kill() };
}

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

  const audit = await measureAudit(headers, cluster.body.cluster_id);

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
  console.log(audit.summary);
}

/**
 * The same read (clusters/get) and POST (clusters/events, which changes nothing) to the API with
 * and without the audit plugin, in one process on the same services, each pair back to back.
 */
async function measureAudit(headers: Record<string, string>, clusterId: string) {
  const servers = await startServer('bench/api/audit-servers.ts');
  try {
    const [on, off] = servers.ports.map((port) => `http://127.0.0.1:${port}`) as [string, string];
    // The servers' caches may see the cluster a moment after the platform's API made it.
    await eventually(async () => {
      const got = await fetch(`${on}/api/2.1/clusters/get?cluster_id=${clusterId}`, { headers });
      return got.ok ? true : undefined;
    }, 30_000);
    const read = (url: string) =>
      autocannon({
        url: `${url}/api/2.1/clusters/get?cluster_id=${clusterId}`,
        connections: CONNECTIONS,
        duration,
        headers,
      });
    const post = (url: string) =>
      autocannon({
        url: `${url}/api/2.1/clusters/events`,
        method: 'POST',
        connections: CONNECTIONS,
        duration,
        headers,
        body: JSON.stringify({ cluster_id: clusterId, limit: 1 }),
      });
    const readOff = await read(off);
    const readOn = await read(on);
    const postOff = await post(off);
    const postOn = await post(on);
    const cost = (without: autocannon.Result, withAudit: autocannon.Result) =>
      `${(100 - (withAudit.requests.average / without.requests.average) * 100).toFixed(0)}% of req/s, ` +
      `p50 +${(withAudit.latency.p50 - without.latency.p50).toFixed(1)} ms, p99 +${(withAudit.latency.p99 - without.latency.p99).toFixed(1)} ms`;
    return {
      figures: [
        figureOf('clusters/get, audit off (in-process API)', readOff),
        figureOf('clusters/get, audit on (recorded after)', readOn),
        figureOf('clusters/events POST, audit off', postOff),
        figureOf('clusters/events POST, audit on (recorded first)', postOn),
      ],
      summary:
        `audit cost on a read: ${cost(readOff, readOn)}\n` + `audit cost on a POST: ${cost(postOff, postOn)}`,
    };
  } finally {
    servers.stop();
  }
}
