import { RunKeys } from '@brickyard/common/runs';
import type { Redis } from 'ioredis';

/**
 * The queued and active runs of every workspace this scheduler serves, from each workspace's
 * hand-off list and `runs:active` list (one pipeline for all of them).
 */
export async function scanRuns(
  redis: Redis,
  serves: (workspaceId: number) => boolean,
): Promise<{ queued: number[]; active: number[] }> {
  const workspaces = (await redis.smembers(RunKeys.queuedWorkspaces)).filter((id) => serves(Number(id)));
  const queued: number[] = [];
  const active: number[] = [];
  if (workspaces.length === 0) return { queued, active };
  const pipeline = redis.pipeline();
  for (const workspace of workspaces) {
    pipeline.zrange(RunKeys.queued(workspace), 0, -1);
    pipeline.zrange(RunKeys.active(workspace), 0, -1);
  }
  const results = (await pipeline.exec()) ?? [];
  results.forEach(([error, ids], index) => {
    if (error) throw error;
    (index % 2 === 0 ? queued : active).push(...(ids as string[]).map(Number));
  });
  return { queued, active };
}
