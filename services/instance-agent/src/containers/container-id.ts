/** Container IDs the agent reports: the runtime name and the pid of the container's process. */
export function containerIdOf(pid: number): string {
  return `brickyard://${pid}`;
}

/** The pid of a container ID the agent wrote, or undefined for any other ID. */
export function pidOfContainerId(containerId: string | undefined): number | undefined {
  const match = /^brickyard:\/\/(\d+)$/.exec(containerId ?? '');
  return match ? Number(match[1]) : undefined;
}
