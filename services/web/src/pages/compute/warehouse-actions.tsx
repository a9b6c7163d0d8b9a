import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { costKeys } from '../../rest/cost';
import { actOnWarehouse, type Warehouse, type WarehouseAction, warehouseKeys } from '../../rest/warehouses';
import { ConfirmDialog } from '../../ui/dialog';
import { ErrorNotice } from '../../ui/states';

/**
 * Start, stop and delete a SQL warehouse, each offered in the states it applies to; stopping and
 * deleting are asked about first. `labelled` names the warehouse in each button's accessible name,
 * for rows of a table where several sit side by side.
 */
export function WarehouseActions({
  warehouse,
  labelled = false,
  onDeleted,
}: {
  warehouse: Warehouse;
  labelled?: boolean;
  onDeleted?: () => void;
}) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<Exclude<WarehouseAction, 'start'>>();
  const act = useMutation({
    mutationFn: (action: WarehouseAction) => actOnWarehouse(action, warehouse.id),
    onSuccess: async (_answer, action) => {
      setAsking(undefined);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: warehouseKeys.all }),
        queryClient.invalidateQueries({ queryKey: costKeys.warehouse(warehouse.id) }),
      ]);
      if (action === 'delete') onDeleted?.();
    },
  });
  const name = (verb: string) => (labelled ? `${verb} ${warehouse.name}` : undefined);
  const { state } = warehouse;
  const canStart = state === 'STOPPED';
  const canStop = state === 'RUNNING' || state === 'STARTING';
  const deleting = state === 'DELETING' || state === 'DELETED';
  return (
    <div className="row">
      {canStart && (
        <button
          type="button"
          className="btn"
          aria-label={name('Start')}
          disabled={act.isPending}
          onClick={() => act.mutate('start')}
        >
          Start
        </button>
      )}
      {canStop && (
        <button
          type="button"
          className="btn"
          aria-label={name('Stop')}
          disabled={act.isPending}
          onClick={() => setAsking('stop')}
        >
          Stop
        </button>
      )}
      {!deleting && (
        <button
          type="button"
          className="btn danger"
          aria-label={name('Delete')}
          disabled={act.isPending}
          onClick={() => setAsking('delete')}
        >
          Delete
        </button>
      )}
      {!asking && act.error ? <ErrorNotice error={act.error} /> : null}
      {asking && (
        <ConfirmDialog
          title={asking === 'stop' ? 'Stop SQL warehouse?' : 'Delete SQL warehouse?'}
          confirmLabel={asking === 'stop' ? 'Stop' : 'Delete'}
          busy={act.isPending}
          error={act.error}
          onConfirm={() => act.mutate(asking)}
          onCancel={() => {
            act.reset();
            setAsking(undefined);
          }}
        >
          <p>
            <strong>{warehouse.name}</strong>:{' '}
            {asking === 'stop'
              ? 'running queries are cancelled and its clusters released.'
              : 'it is stopped and removed. This cannot be undone.'}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
