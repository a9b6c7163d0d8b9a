import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { listWarehouses, preferredWarehouse, type Warehouse, warehouseKeys } from '../../rest/warehouses';
import { NoWarehouse } from '../../ui/no-warehouse';
import { StateBadge } from '../../ui/state-badge';
import { QueryView } from '../../ui/states';

/** The warehouse picked last, kept for the tab's lifetime. */
const PICKED_KEY = 'brickyard.catalog.warehouse';

function Chooser({
  warehouses,
  children,
}: {
  warehouses: Warehouse[];
  children: (warehouseId: string) => ReactNode;
}) {
  const id = useId();
  const [picked, setPicked] = useState(() => sessionStorage.getItem(PICKED_KEY));
  const chosen = preferredWarehouse(warehouses, picked);
  if (!chosen) return null;
  const pick = (warehouseId: string) => {
    sessionStorage.setItem(PICKED_KEY, warehouseId);
    setPicked(warehouseId);
  };
  return (
    <>
      <div className="row cat-warehouse">
        {warehouses.length > 1 ? (
          <>
            <label htmlFor={id}>SQL warehouse</label>
            <select id={id} value={chosen.id} onChange={(event) => pick(event.target.value)}>
              {warehouses.map((warehouse) => (
                <option key={warehouse.id} value={warehouse.id}>
                  {warehouse.name} ({warehouse.state.toLowerCase()})
                </option>
              ))}
            </select>
          </>
        ) : (
          <span>
            SQL warehouse <strong>{chosen.name}</strong>
          </span>
        )}
        <StateBadge state={chosen.state} />
      </div>
      {children(chosen.id)}
    </>
  );
}

/** What needs a SQL warehouse: the user's pick among several, or the way to create the first. */
export function WithWarehouse({
  purpose,
  children,
}: {
  purpose: string;
  children: (warehouseId: string) => ReactNode;
}) {
  const warehouses = useQuery({ queryKey: warehouseKeys.list, queryFn: listWarehouses });
  return (
    <QueryView query={warehouses} label="Finding SQL warehouses">
      {(found) =>
        found.length === 0 ? (
          <NoWarehouse title={`Create a SQL warehouse to see ${purpose}`}>
            This workspace has no SQL warehouse; statements on tables run on one.
          </NoWarehouse>
        ) : (
          <Chooser warehouses={found}>{children}</Chooser>
        )
      }
    </QueryView>
  );
}
