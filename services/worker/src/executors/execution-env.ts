import type { ValueReferenceScope } from '@brickyard/common/tasks';
import type { TaskLogs } from '../logs/task-logs.js';
import type { Dbfs } from '../storage/dbfs.js';
import type { RuntimeStorage } from '../storage/runtime-storage.js';
import type { TaskContext } from '../task-types.js';

/** What every executor works with during one task run. */
export interface ExecutionEnv {
  context: TaskContext;
  workspaceId: number;
  runId: string;
  taskRunId: string;
  storage: RuntimeStorage;
  dbfs: Dbfs;
  logs: TaskLogs;
  /** The task's own temp dir, removed when it ends. */
  tempDir: string;
  /** Job and run parameters (they override task-level defaults). */
  parameters: Readonly<Record<string, string>>;
  references: ValueReferenceScope;
  signal: AbortSignal | undefined;
}
