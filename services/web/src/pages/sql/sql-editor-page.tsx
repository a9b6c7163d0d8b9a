import { useQuery } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { listWarehouses, type Warehouse, warehouseKeys } from '../../rest/warehouses';
import { NoWarehouse } from '../../ui/no-warehouse';
import { Page } from '../../ui/page';
import { QueryView } from '../../ui/states';
import { RunOutcome } from './run-outcome';
import { RunProgress } from './run-progress';
import { SqlTabs } from './sql-tabs';
import { StatementEditor } from './statement-editor';
import { useStatementRun } from './use-statement-run';

/** States a warehouse passes through on its own: the list is read again until it settles. */
const SETTLING = new Set(['STARTING', 'STOPPING', 'DELETING']);

const isSettling = (warehouses: Warehouse[] | undefined) =>
  warehouses?.some((warehouse) => SETTLING.has(warehouse.state)) ?? false;

/** The statement the query history asked the editor to open (router state), if any. */
function useOpenedStatement(): string | undefined {
  const state: unknown = useLocation().state;
  if (state && typeof state === 'object' && 'statement' in state && typeof state.statement === 'string') {
    return state.statement;
  }
  return undefined;
}

export function SqlEditorPage() {
  const { run, start, cancel } = useStatementRun();
  const openedStatement = useOpenedStatement();
  const running = run.phase === 'running';
  const warehouses = useQuery({
    queryKey: warehouseKeys.list,
    queryFn: listWarehouses,
    // A statement starts a stopped warehouse: its state is followed while one runs.
    refetchInterval: (query) => (running || isSettling(query.state.data) ? 5_000 : false),
  });
  return (
    <Page title="SQL Editor">
      <SqlTabs />
      <QueryView query={warehouses} label="Loading SQL warehouses">
        {(list) =>
          list.length === 0 ? (
            <NoWarehouse title="This workspace has no SQL warehouse">
              Statements run on a SQL warehouse. Create one to start querying.
            </NoWarehouse>
          ) : (
            <>
              <StatementEditor
                warehouses={list}
                running={running}
                onRun={(request) => void start(request)}
                openedStatement={openedStatement}
              />
              {run.phase === 'running' && <RunProgress run={run} onCancel={() => void cancel()} />}
              {run.phase !== 'running' && run.phase !== 'idle' && <RunOutcome run={run} />}
            </>
          )
        }
      </QueryView>
    </Page>
  );
}
