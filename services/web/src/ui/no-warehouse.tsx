import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createStarterWarehouse, warehouseKeys } from '../rest/warehouses';
import { Empty, ErrorNotice } from './states';

/** Statements run on a SQL warehouse: without one, the way to get one. */
export function NoWarehouse({ title, children }: { title: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => createStarterWarehouse('Starter Warehouse'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: warehouseKeys.list }),
  });
  return (
    <Empty title={title}>
      <p>{children}</p>
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
