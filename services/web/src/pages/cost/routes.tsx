import { Route, Routes } from 'react-router';
import { CostOverviewPage } from './cost-overview-page';
import { ObjectCostPage } from './object-cost-page';
import './cost.css';

/** /cost: the workspace's estimated cost, and each cluster's and SQL warehouse's. */
export default function CostRoutes() {
  return (
    <Routes>
      <Route index element={<CostOverviewPage />} />
      <Route path="clusters/:id" element={<ObjectCostPage kind="cluster" />} />
      <Route path="warehouses/:id" element={<ObjectCostPage kind="warehouse" />} />
    </Routes>
  );
}
