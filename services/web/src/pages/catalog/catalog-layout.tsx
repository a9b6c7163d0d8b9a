import { Outlet, useParams } from 'react-router';
import { CatalogTabs } from './catalog-tabs';
import { CatalogTree } from './catalog-tree';

/** The tree of catalogs beside the page of the catalog, schema or table the URL names. */
export function CatalogLayout() {
  const { catalog, schema, table } = useParams();
  return (
    <>
      <CatalogTabs />
      <div className="tree-layout">
        <CatalogTree current={{ catalog, schema, table }} />
        <section>
          <Outlet />
        </section>
      </div>
    </>
  );
}
