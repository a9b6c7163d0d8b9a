/**
 * bench/metrics: what observability costs the operator, beside baselines from the same run.
 *   - a scrape of the operator's /metrics with CLUSTERS running autoscaled clusters (cluster
 *     gauges and cost computed at scrape time), beside a bare prom-client registry holding as
 *     many series, served by a bare node:http server in this process. Five clusters of a driver
 *     and a worker of 2 cores are what the two 16-core Nodes fit beside other pods.
 *   - status writes of those steady clusters while the cost keeps accruing, beside the
 *     reconciles the operator made in the same window (autoscaled clusters are looked at every
 *     demand poll): cost accrual must not turn reconciles into writes.
 * It runs an operator of its own (a shard, pods running brickyard/sleeper), compiled from dist/.
 * Usage: source .brickyard/env && npm run bench:metrics -- [--clusters 5] [--scrapes 200]
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { ClusterResource } from '@brickyard/common/crd';
import { loadKubeConfig } from '@brickyard/common/kube';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { API_VERSION } from '@brickyard/common/vocabulary';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { Gauge, Registry } from 'prom-client';
import { ClusterType } from '../../operator/src/cluster/cluster-type.js';
import {
  createShardWorkspace,
  newWorkspaceId,
  OperatorProcess,
  operatorKubeconfig,
  readCluster,
  releaseLease,
  removeWorkspace,
  sleep,
  waitForClusterStates,
} from '../cluster/harness.js';
import { cleanUp } from '../support/cleanup.js';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '5' },
    scrapes: { type: 'string', default: '200' },
    window: { type: 'string', default: '30' },
  },
});
const CLUSTERS = Math.max(1, Number(values.clusters));
const SCRAPES = Math.max(10, Number(values.scrapes));
const WINDOW_MS = Math.max(5, Number(values.window)) * 1000;

const env = readPlatformEnv();
const admin = loadKubeConfig(env.kubeconfig);
const customObjects = admin.makeApiClient(CustomObjectsApi);
const shard = `bench-${randomUUID().slice(0, 8)}`;
const workspaceId = newWorkspaceId();
const kubeconfig = await operatorKubeconfig(admin);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Scrapes `url` SCRAPES times in a row: latency percentiles, and the series of the last body. */
async function scrape(url: string): Promise<{ p50: number; p99: number; series: number; bytes: number }> {
  const times: number[] = [];
  let body = '';
  for (let i = 0; i < SCRAPES; i++) {
    const started = performance.now();
    body = await (await fetch(url)).text();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const series = body.split('\n').filter((line) => line && !line.startsWith('#')).length;
  return { p50: percentile(times, 50), p99: percentile(times, 99), series, bytes: body.length };
}

/** A bare registry with `series` gauge series behind a bare HTTP server. */
async function bareMetricsServer(series: number): Promise<{ url: string; close: () => void }> {
  const registry = new Registry();
  const gauge = new Gauge({
    name: 'bare_series',
    help: 'baseline',
    labelNames: ['id'],
    registers: [registry],
  });
  for (let i = 0; i < series; i++) gauge.set({ id: String(i) }, i);
  const server = createServer((_request, response) => {
    void registry.metrics().then((text) => {
      response.writeHead(200, { 'content-type': registry.contentType });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`,
    close: () => server.close(),
  };
}

function counterValue(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((row) => row.startsWith(`${name}{`) && row.includes(labels));
  return Number(line?.split(' ').at(-1) ?? 0);
}

let operator: OperatorProcess | undefined;
try {
  operator = await OperatorProcess.start({
    kubeconfig: kubeconfig.path,
    shard,
    env: { BRICKYARD_RUNTIME_IMAGE: 'brickyard/sleeper', LOG_LEVEL: 'warn' },
    compiled: true,
  });
  await operator.waitUntilLeading();
  const namespace = await createShardWorkspace(admin, shard, workspaceId);
  const names = Array.from({ length: CLUSTERS }, (_, i) => `0401-000000-${shard.slice(6)}-${i}`);
  await Promise.all(
    names.map((name) => {
      const body: ClusterResource = {
        apiVersion: API_VERSION,
        kind: 'Cluster',
        metadata: { name, namespace },
        spec: {
          sparkVersion: '19.3.x-no-spark-scala2.13',
          nodeTypeId: 'm5d.large',
          autoscale: { minWorkers: 1, maxWorkers: 2 },
          desiredState: 'RUNNING',
          restartGeneration: 0,
        },
      };
      return customObjects.createNamespacedCustomObject({ ...ClusterType, namespace, body });
    }),
  );
  await waitForClusterStates(admin, namespace, names, 'RUNNING', 120_000);
  await sleep(2_000);
  const metricsUrl = `http://127.0.0.1:${operator.port}/metrics`;

  const versions = async () =>
    Promise.all(
      names.map(async (name) => (await readCluster(admin, namespace, name))?.metadata.resourceVersion),
    );
  const before = await versions();
  const reconcilesBefore = counterValue(
    await (await fetch(metricsUrl)).text(),
    'brickyard_operator_reconcile_total',
    'controller="cluster",result="requeue_after"',
  );
  await sleep(WINDOW_MS);
  const after = await versions();
  const reconciles =
    counterValue(
      await (await fetch(metricsUrl)).text(),
      'brickyard_operator_reconcile_total',
      'controller="cluster",result="requeue_after"',
    ) - reconcilesBefore;
  const writes = after.filter((version, i) => version !== before[i]).length;

  const ours = await scrape(metricsUrl);
  const bare = await bareMetricsServer(ours.series);
  const baseline = await scrape(bare.url).finally(() => bare.close());

  const rows = [
    ['benchmark', 'ours', 'baseline, same run'],
    [
      `operator /metrics, ${CLUSTERS} clusters (${ours.series} series, ${(ours.bytes / 1024).toFixed(0)} KiB), ${SCRAPES} scrapes`,
      `p50 ${ours.p50.toFixed(2)} ms, p99 ${ours.p99.toFixed(2)} ms`,
      `p50 ${baseline.p50.toFixed(2)} ms, p99 ${baseline.p99.toFixed(2)} ms (bare prom-client, ${baseline.series} series)`,
    ],
    [
      `clusters whose status was rewritten in ${WINDOW_MS / 1000} s of steady running`,
      `${writes} of ${CLUSTERS}`,
      `${reconciles} cluster reconciles in the same window`,
    ],
  ];
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
} finally {
  await cleanUp([
    () => operator?.stop('SIGTERM'),
    () => removeWorkspace(admin, workspaceId),
    () => releaseLease(admin, shard),
    () => kubeconfig.remove(),
  ]);
}
