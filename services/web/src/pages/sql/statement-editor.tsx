import { type FormEvent, type KeyboardEvent, useEffect, useRef } from 'react';
import type { StatementRequest } from '../../rest/statements';
import { preferredWarehouse, type Warehouse } from '../../rest/warehouses';
import { StateBadge } from '../../ui/state-badge';
import { useStoredState } from './use-stored-state';

/** The editor: where a statement runs (warehouse, catalog, schema) and its text. */
export function StatementEditor({
  warehouses,
  running,
  onRun,
  openedStatement,
}: {
  warehouses: Warehouse[];
  running: boolean;
  onRun: (request: StatementRequest) => void;
  /** A statement opened from the query history, which replaces the text in the editor. */
  openedStatement: string | undefined;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [chosenId, setChosenId] = useStoredState('warehouse', '');
  const [catalog, setCatalog] = useStoredState('catalog', 'main');
  const [schema, setSchema] = useStoredState('schema', 'default');
  const [statement, setStatement] = useStoredState('statement', 'SELECT 1 AS a');
  const warehouse = preferredWarehouse(warehouses, chosenId);

  useEffect(() => {
    if (openedStatement !== undefined) setStatement(openedStatement);
  }, [openedStatement, setStatement]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!warehouse || running || !statement.trim()) return;
    onRun({
      warehouse_id: warehouse.id,
      statement,
      ...(catalog.trim() ? { catalog: catalog.trim() } : {}),
      ...(schema.trim() ? { schema: schema.trim() } : {}),
    });
  };

  const runOnShortcut = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  return (
    <form ref={formRef} className="card sql-editor" onSubmit={submit}>
      <div className="sql-context">
        <div className="field">
          <label htmlFor="sql-warehouse">SQL warehouse</label>
          <div className="row">
            <select
              id="sql-warehouse"
              value={warehouse?.id ?? ''}
              onChange={(event) => setChosenId(event.target.value)}
            >
              {warehouses.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name} ({option.cluster_size})
                </option>
              ))}
            </select>
            {warehouse && <StateBadge state={warehouse.state} />}
          </div>
        </div>
        <div className="field">
          <label htmlFor="sql-catalog">Catalog</label>
          <input id="sql-catalog" value={catalog} onChange={(event) => setCatalog(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="sql-schema">Schema</label>
          <input id="sql-schema" value={schema} onChange={(event) => setSchema(event.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="sql-statement">SQL statement</label>
        <textarea
          id="sql-statement"
          rows={8}
          spellCheck={false}
          value={statement}
          onChange={(event) => setStatement(event.target.value)}
          onKeyDown={runOnShortcut}
          aria-describedby="sql-statement-hint"
        />
        <span className="hint" id="sql-statement-hint">
          Ctrl+Enter (⌘+Enter on a Mac) runs the statement.
          {warehouse &&
            warehouse.state !== 'RUNNING' &&
            ' A stopped warehouse starts on the first statement (about 20 s).'}
        </span>
      </div>
      <div className="row">
        <button className="btn primary" type="submit" disabled={running || !warehouse || !statement.trim()}>
          Run
        </button>
      </div>
    </form>
  );
}
