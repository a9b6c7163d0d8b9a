import {
  type Library,
  type LibraryStatus,
  libraryKey,
  type NodeLibraryReport,
  type NodeLibraryStatus,
} from '@brickyard/common/cluster-spec';

/** A pod republishes every few seconds: a report older than this is a pod that is gone. */
export const REPORT_FRESH_MS = 30_000;

export interface LibraryFullStatus {
  library: Library;
  status: LibraryStatus;
  messages?: string[];
  is_library_for_all_clusters: boolean;
}

/** One library's status across the nodes: failed on any, else installed once on all of them. */
function combined(nodes: readonly (NodeLibraryStatus | undefined)[]): NodeLibraryStatus {
  const failed = nodes.filter((node) => node?.status === 'FAILED');
  if (failed.length > 0) {
    return { status: 'FAILED', messages: [...new Set(failed.flatMap((node) => node?.messages ?? []))] };
  }
  const statuses = nodes.map((node) => node?.status ?? 'PENDING');
  if (statuses.length === 0) return { status: 'PENDING' };
  if (statuses.every((status) => status === 'SKIPPED')) return { status: 'SKIPPED' };
  if (statuses.every((status) => status === 'INSTALLED' || status === 'SKIPPED'))
    return { status: 'INSTALLED' };
  return statuses.some((status) => status === 'INSTALLING' || status === 'RESOLVING')
    ? { status: 'INSTALLING' }
    : { status: 'PENDING' };
}

function fullStatus(library: Library, { status, messages }: NodeLibraryStatus): LibraryFullStatus {
  return {
    library,
    status,
    ...(messages && messages.length > 0 ? { messages } : {}),
    is_library_for_all_clusters: false,
  };
}

/**
 * The statuses the Libraries API answers for a cluster: its requested libraries in the order they
 * were added, each PENDING until the cluster runs and then as its nodes report it; then the
 * libraries its nodes still have but that were uninstalled since, UNINSTALL_ON_RESTART (a running
 * node keeps what it installed until the cluster restarts).
 */
export function libraryStatuses(
  requested: readonly Library[],
  running: boolean,
  reports: readonly NodeLibraryReport[],
  now: number,
): LibraryFullStatus[] {
  if (!running) return requested.map((library) => fullStatus(library, { status: 'PENDING' }));
  const nodes = reports.filter((report) => now - report.updated_at <= REPORT_FRESH_MS);
  const requestedKeys = new Set(requested.map(libraryKey));
  const statuses = requested.map((library) => {
    const key = libraryKey(library);
    return fullStatus(library, combined(nodes.map((node) => node.libraries[key])));
  });
  const leftOver = new Set(
    nodes.flatMap((node) =>
      Object.entries(node.libraries)
        .filter(([key, { status }]) => !requestedKeys.has(key) && status === 'INSTALLED')
        .map(([key]) => key),
    ),
  );
  for (const key of leftOver) {
    statuses.push(fullStatus(JSON.parse(key) as Library, { status: 'UNINSTALL_ON_RESTART' }));
  }
  return statuses;
}
