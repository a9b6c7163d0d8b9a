import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Empty, ErrorNotice } from '../../ui/states';
import { createStarterWarehouse, warehousesKey } from './warehouse-api';

/** Statements run on a SQL warehouse: without one, the way to get one. */
export function NoWarehouse() {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => createStarterWarehouse('Starter Warehouse'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: warehousesKey }),
  });
  return (
    <Empty title="This workspace has no SQL warehouse">
      <p>Statements run on a SQL warehouse. Create one to start querying.</p>
      <button
        type="button"
        className="btn primary"
        disabled={create.isPending}
        onClick={() => create.mutate()}
      >
        {create.isPending ? 'Creating…' : 'Create a 2X-Small SQL warehouse'}
      </button>
      {create.error && <ErrorNotice error={create.error} />}
    </Empty>
  );
}
