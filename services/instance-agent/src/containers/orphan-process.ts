import { readFile } from 'node:fs/promises';
import { signalGroup } from './container-process.js';

/** Environment variables the agent sets on every container, which identify its processes. */
export const POD_UID_VARIABLE = 'BRICKYARD_POD_UID';
export const CONTAINER_NAME_VARIABLE = 'BRICKYARD_CONTAINER_NAME';

/**
 * Kills a container process left behind by a previous agent that died without stopping it. The
 * pid must still be that container's (its environment names the pod uid and container), so a
 * reused pid is never touched. Resolves whether it killed something, once the process is gone.
 */
export async function killOrphan(pid: number, podUid: string, containerName: string): Promise<boolean> {
  let environ: string;
  try {
    environ = await readFile(`/proc/${pid}/environ`, 'utf8');
  } catch {
    return false;
  }
  const variables = new Set(environ.split('\0'));
  if (
    !variables.has(`${POD_UID_VARIABLE}=${podUid}`) ||
    !variables.has(`${CONTAINER_NAME_VARIABLE}=${containerName}`)
  ) {
    return false;
  }
  signalGroup(pid, 'SIGKILL');
  for (let attempt = 0; attempt < 50 && (await isLive(pid)); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  return true;
}

/** Running, as opposed to gone or a zombie waiting for a reaper. */
async function isLive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
