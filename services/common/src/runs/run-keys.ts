/** Redis keys of job runs; the layout is documented at the top of run-store.ts. */

export const RunKeys = {
  run: (runId: number | string) => `brickyard:run:${runId}`,
  output: (runId: number | string) => `brickyard:run:${runId}:output`,
  runIds: 'brickyard:run-ids',
  workspaceRuns: (workspaceId: number | string) => `brickyard:ws:${workspaceId}:runs`,
  jobRuns: (workspaceId: number | string, jobId: number | string) =>
    `brickyard:ws:${workspaceId}:job:${jobId}:runs`,
  jobRunCounter: (workspaceId: number | string, jobId: number | string) =>
    `brickyard:ws:${workspaceId}:job:${jobId}:run-counter`,
  active: (workspaceId: number | string) => `brickyard:ws:${workspaceId}:runs:active`,
  queued: (workspaceId: number | string) => `brickyard:ws:${workspaceId}:runs:queued`,
  idempotency: (workspaceId: number | string) => `brickyard:ws:${workspaceId}:idempotency`,
  queuedWorkspaces: 'brickyard:runs:queued-workspaces',
  /** Pub/sub channel, not a key: "<workspace id>:<run id>" for each new queued run. */
  queuedChannel: 'brickyard:runs:queued',
  /** Workspaces whose runs the scheduler leaves queued (maintenance, or tests of queued runs). */
  heldWorkspaces: 'brickyard:scheduler:held-workspaces',
} as const;
