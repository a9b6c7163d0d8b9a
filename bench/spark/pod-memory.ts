import { readdirSync, readFileSync } from 'node:fs';

/** Memory of a cluster's processes, in MB. */
export interface ClusterMemory {
  /** Resident set sizes summed: pages shared between the processes (the JDK, CDS) count in each. */
  rssMb: number;
  /** Proportional set sizes summed: each shared page split among its sharers, what the host pays. */
  pssMb: number;
}

function kilobytesOf(pattern: RegExp, text: string): number {
  return Number(pattern.exec(text)?.[1] ?? 0);
}

/**
 * Memory of every process of a cluster's pods: the instance agent runs pods as processes whose
 * environment names the cluster, and their JVMs and Python children inherit it.
 */
export function clusterMemory(clusterId: string): ClusterMemory {
  const marker = `\0BRICKYARD_CLUSTER_ID=${clusterId}\0`;
  let rss = 0;
  let pss = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = `\0${readFileSync(`/proc/${entry}/environ`, 'latin1')}`;
      if (!environ.includes(marker)) continue;
      rss += kilobytesOf(/^VmRSS:\s+(\d+)/m, readFileSync(`/proc/${entry}/status`, 'utf8'));
      pss += kilobytesOf(/^Pss:\s+(\d+)/m, readFileSync(`/proc/${entry}/smaps_rollup`, 'utf8'));
    } catch {
      // The process ended while it was read.
    }
  }
  return { rssMb: rss / 1024, pssMb: pss / 1024 };
}
