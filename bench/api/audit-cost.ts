import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { eventually } from '../../test/integration/support/api-client.js';
import { type Figure, figureOf } from '../support/report.js';
import { startServer } from '../support/server-process.js';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** CPU seconds a process has used (Linux). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
}

async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const seconds = (name: string) => Number(info.match(new RegExp(`^${name}:([0-9.]+)`, 'm'))?.[1] ?? 0);
  return seconds('used_cpu_user') + seconds('used_cpu_sys');
}

interface Run {
  result: autocannon.Result;
  /** CPU per call, µs: of the API process and of Redis. */
  apiMicros: number;
  redisMicros: number;
}

export interface AuditCostOptions {
  headers: Record<string, string>;
  clusterId: string;
  duration: number;
  connections: number;
  redisUrl: string;
}

/**
 * What the audit log costs: the same read (clusters/get, recorded after its answer) and POST
 * (clusters/events, which changes nothing; recorded before its answer) to the API built with and
 * without the audit plugin (audit-servers.ts: one process, the same services), back to back.
 * Besides throughput and latency, the CPU a call costs the API process and Redis, which stays
 * meaningful on a machine that other work keeps busy.
 */
export async function measureAuditCost(
  options: AuditCostOptions,
): Promise<{ figures: Figure[]; summary: string }> {
  const { headers, clusterId, duration, connections } = options;
  const servers = await startServer('bench/api/audit-servers.ts');
  const redis = new Redis(options.redisUrl);
  try {
    const [on, off] = servers.ports.map((port) => `http://127.0.0.1:${port}`) as [string, string];
    // The servers' caches may see the cluster a moment after the platform's API made it.
    await eventually(async () => {
      const got = await fetch(`${on}/api/2.1/clusters/get?cluster_id=${clusterId}`, { headers });
      return got.ok ? true : undefined;
    }, 30_000);
    const measured = async (request: autocannon.Options): Promise<Run> => {
      const api = processCpuSeconds(servers.pid);
      const redisBefore = await redisCpuSeconds(redis);
      const result = await autocannon({ connections, duration, headers, ...request });
      const perCall = (seconds: number) => (seconds * 1e6) / Math.max(1, result.requests.total);
      return {
        result,
        apiMicros: perCall(processCpuSeconds(servers.pid) - api),
        redisMicros: perCall((await redisCpuSeconds(redis)) - redisBefore),
      };
    };
    const read = (url: string) => measured({ url: `${url}/api/2.1/clusters/get?cluster_id=${clusterId}` });
    const post = (url: string) =>
      measured({
        url: `${url}/api/2.1/clusters/events`,
        method: 'POST',
        body: JSON.stringify({ cluster_id: clusterId, limit: 1 }),
      });
    const readOff = await read(off);
    const readOn = await read(on);
    const postOff = await post(off);
    const postOn = await post(on);
    const signed = (value: number, digits: number) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
    const cost = (without: Run, audited: Run) => {
      const share = 100 - (audited.result.requests.average / without.result.requests.average) * 100;
      const { latency } = audited.result;
      return (
        `${share.toFixed(0)}% of req/s, p50 ${signed(latency.p50 - without.result.latency.p50, 1)} ms, ` +
        `p99 ${signed(latency.p99 - without.result.latency.p99, 1)} ms; CPU per call: ` +
        `API ${without.apiMicros.toFixed(0)} -> ${audited.apiMicros.toFixed(0)} µs ` +
        `(${signed(audited.apiMicros - without.apiMicros, 0)}), ` +
        `Redis ${signed(audited.redisMicros - without.redisMicros, 0)} µs`
      );
    };
    return {
      figures: [
        figureOf('clusters/get, audit off (in-process API)', readOff.result),
        figureOf('clusters/get, audit on (recorded after)', readOn.result),
        figureOf('clusters/events POST, audit off', postOff.result),
        figureOf('clusters/events POST, audit on (recorded first)', postOn.result),
      ],
      summary: `audit on a read: ${cost(readOff, readOn)}\naudit on a POST: ${cost(postOff, postOn)}`,
    };
  } finally {
    redis.disconnect();
    servers.stop();
  }
}
