import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { NavLink } from 'react-router';
import { catalogKeys, listCatalogs, listSchemas, listTables } from './catalog-api';
import { catalogUrl } from './catalog-paths';

export interface CurrentSecurable {
  catalog?: string | undefined;
  schema?: string | undefined;
  table?: string | undefined;
}

interface Listing<T> {
  isPending: boolean;
  error: Error | null;
  data: T[] | undefined;
}

function Children<T>({
  list,
  empty,
  className,
  children,
}: {
  list: Listing<T>;
  empty: string;
  className?: string;
  children: (item: T) => ReactNode;
}) {
  if (list.isPending) return <p className="tree-note">Loading…</p>;
  if (list.error) return <p className="tree-note tone-bad">Cannot list: {list.error.message}</p>;
  if (!list.data || list.data.length === 0) return <p className="tree-note">{empty}</p>;
  return <ul className={className}>{list.data.map(children)}</ul>;
}

function Branch({
  label,
  to,
  leadsToCurrent,
  children,
}: {
  label: string;
  to: string;
  leadsToCurrent: boolean;
  children: () => ReactNode;
}) {
  const [open, setOpen] = useState(leadsToCurrent);
  useEffect(() => {
    if (leadsToCurrent) setOpen(true);
  }, [leadsToCurrent]);
  return (
    <li>
      <div className="tree-row">
        <button
          type="button"
          className="tree-toggle"
          aria-expanded={open}
          aria-label={`${open ? 'Collapse' : 'Expand'} ${label}`}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        </button>
        <NavLink end to={to}>
          {label}
        </NavLink>
      </div>
      {open && children()}
    </li>
  );
}

function SchemaTables({ catalog, schema }: { catalog: string; schema: string }) {
  const tables = useQuery({
    queryKey: catalogKeys.tables(catalog, schema),
    queryFn: () => listTables(catalog, schema),
  });
  return (
    <Children list={tables} empty="No tables">
      {(table) => (
        <li key={table.name}>
          <div className="tree-row">
            <span className="tree-spacer" />
            <NavLink end to={catalogUrl(catalog, schema, table.name)}>
              {table.name}
            </NavLink>
          </div>
        </li>
      )}
    </Children>
  );
}

function CatalogSchemas({ catalog, current }: { catalog: string; current: CurrentSecurable }) {
  const schemas = useQuery({ queryKey: catalogKeys.schemas(catalog), queryFn: () => listSchemas(catalog) });
  return (
    <Children list={schemas} empty="No schemas">
      {(schema) => (
        <Branch
          key={schema.name}
          label={schema.name}
          to={catalogUrl(catalog, schema.name)}
          leadsToCurrent={current.catalog === catalog && current.schema === schema.name}
        >
          {() => <SchemaTables catalog={catalog} schema={schema.name} />}
        </Branch>
      )}
    </Children>
  );
}

/** Catalogs, their schemas and tables, each opened on demand and on the way to the page shown. */
export function CatalogTree({ current }: { current: CurrentSecurable }) {
  const catalogs = useQuery({ queryKey: catalogKeys.catalogs, queryFn: listCatalogs });
  return (
    <nav className="tree-panel" aria-label="Catalog tree">
      <Children list={catalogs} empty="No catalogs" className="tree">
        {(catalog) => (
          <Branch
            key={catalog.name}
            label={catalog.name}
            to={catalogUrl(catalog.name)}
            leadsToCurrent={current.catalog === catalog.name}
          >
            {() => <CatalogSchemas catalog={catalog.name} current={current} />}
          </Branch>
        )}
      </Children>
    </nav>
  );
}
