import { readdirSync, readFileSync } from 'node:fs';

/**
 * Resident memory of every process of a cluster's pods, in MB: the instance agent runs pods as
 * processes whose environment names the cluster, and their JVMs and Python children inherit it.
 */
export function clusterMemoryMb(clusterId: string): number {
  const marker = `\0BRICKYARD_CLUSTER_ID=${clusterId}\0`;
  let kilobytes = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = `\0${readFileSync(`/proc/${entry}/environ`, 'latin1')}`;
      if (!environ.includes(marker)) continue;
      const rss = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      kilobytes += Number(rss?.[1] ?? 0);
    } catch {
      // The process ended while it was read.
    }
  }
  return kilobytes / 1024;
}
