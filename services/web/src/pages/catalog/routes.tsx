import { Route, Routes } from 'react-router';
import { Empty } from '../../ui/states';
import { CatalogLayout } from './catalog-layout';
import { CatalogPage } from './catalog-page';
import { CatalogsPage } from './catalogs-page';
import { DbfsPage } from './dbfs-page';
import { SchemaPage } from './schema-page';
import { TablePage } from './table-page';
import '../workspace/tree.css';
import './catalog.css';

/** Unity Catalog's catalogs, schemas and tables: /catalog/<catalog>/<schema>/<table>. */
function UnityCatalogRoutes() {
  return (
    <Routes>
      <Route element={<CatalogLayout />}>
        <Route index element={<CatalogsPage />} />
        <Route path=":catalog" element={<CatalogPage />} />
        <Route path=":catalog/:schema" element={<SchemaPage />} />
        <Route path=":catalog/:schema/:table" element={<TablePage />} />
        <Route path="*" element={<Empty title="There is no such catalog page">Go back to Catalog.</Empty>} />
      </Route>
    </Routes>
  );
}

/**
 * /catalog: Unity Catalog, and the DBFS browser at /catalog/dbfs/<path>. The catalog pages sit in
 * routes of their own below a splat, because React Router ranks ':catalog/:schema/:table' above
 * 'dbfs/*' for a three-segment DBFS path.
 */
export default function CatalogRoutes() {
  return (
    <Routes>
      <Route path="dbfs/*" element={<DbfsPage />} />
      <Route path="*" element={<UnityCatalogRoutes />} />
    </Routes>
  );
}
