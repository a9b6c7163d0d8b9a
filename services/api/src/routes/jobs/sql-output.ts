import type { RunTaskRecord } from '@brickyard/common/runs';

/**
 * The `sql_output` of runs/get-output for a finished sql_task (jobs.py SqlOutput): which warehouse
 * ran it and, for a saved query, the query's text (`queryText`, read by the caller). The
 * runtime's own output (the rows it printed) is in `logs`; a result the runtime wrote takes
 * precedence over this one.
 */
export function sqlOutputOf(
  task: Pick<RunTaskRecord, 'sql_task' | 'state'>,
  queryText: string | undefined,
): Record<string, unknown> | undefined {
  const sqlTask = task.sql_task;
  const warehouseId = sqlTask?.warehouse_id;
  if (!sqlTask || !warehouseId || task.state.life_cycle_state !== 'TERMINATED') return undefined;
  if (sqlTask.query) {
    return {
      query_output: {
        warehouse_id: warehouseId,
        endpoint_id: warehouseId,
        ...(queryText !== undefined ? { query_text: queryText } : {}),
      },
    };
  }
  if (sqlTask.file) return { file_output: { warehouse_id: warehouseId } };
  return undefined;
}
