import { useQuery } from '@tanstack/react-query';
import { getWarehouse, warehouseKeys } from '../../rest/warehouses';
import { formatDuration } from '../../ui/format';
import { StateBadge } from '../../ui/state-badge';
import { useElapsed } from '../../ui/use-elapsed';
import type { StatementRun } from './use-statement';

type Running = Extract<StatementRun, { phase: 'running' }>;

/** What the statement is waiting for, told by the warehouse's own state while it starts. */
function waitingFor(warehouseState: string | undefined): string {
  if (warehouseState && warehouseState !== 'RUNNING') {
    return 'The SQL warehouse is starting; this takes about 20 seconds';
  }
  return 'Running the statement';
}

/** A statement on its way: the warehouse's state and the time taken so far. */
export function StatementProgress({ run, warehouseId }: { run: Running; warehouseId: string }) {
  const elapsed = useElapsed(run.startedAt);
  const warehouse = useQuery({
    queryKey: warehouseKeys.one(warehouseId),
    queryFn: () => getWarehouse(warehouseId),
    refetchInterval: 2_000,
  });
  const state = warehouse.data?.state;
  return (
    <div className="card row cat-progress" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{waitingFor(state)}…</span>
      {state && (
        <span className="row">
          Warehouse <StateBadge state={state} />
        </span>
      )}
      <span className="muted">{formatDuration(elapsed)}</span>
    </div>
  );
}
