import { readFile } from 'node:fs/promises';

/** MemAvailable of /proc/meminfo in bytes: what the kernel estimates new processes can take. */
export function parseMemAvailable(meminfo: string): number | undefined {
  const match = /^MemAvailable:\s+(\d+)\s+kB$/m.exec(meminfo);
  return match ? Number(match[1]) * 1024 : undefined;
}

export async function readMemAvailable(path = '/proc/meminfo'): Promise<number> {
  const available = parseMemAvailable(await readFile(path, 'utf8'));
  if (available === undefined) throw new Error(`${path} has no MemAvailable line`);
  return available;
}
