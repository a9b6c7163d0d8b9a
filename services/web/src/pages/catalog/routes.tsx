import { Route, Routes } from 'react-router';
import { CatalogLayout } from './catalog-layout';
import { CatalogPage } from './catalog-page';
import { CatalogsPage } from './catalogs-page';
import { DbfsPage } from './dbfs-page';
import { SchemaPage } from './schema-page';
import { TablePage } from './table-page';
import '../workspace/tree.css';
import './catalog.css';

/**
 * /catalog: Unity Catalog's catalogs, schemas and tables (/catalog/<catalog>/<schema>/<table>),
 * and the DBFS browser at /catalog/dbfs/<path>.
 */
export default function CatalogRoutes() {
  return (
    <Routes>
      <Route path="dbfs/*" element={<DbfsPage />} />
      <Route element={<CatalogLayout />}>
        <Route index element={<CatalogsPage />} />
        <Route path=":catalog" element={<CatalogPage />} />
        <Route path=":catalog/:schema" element={<SchemaPage />} />
        <Route path=":catalog/:schema/:table" element={<TablePage />} />
      </Route>
    </Routes>
  );
}
