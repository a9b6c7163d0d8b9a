import { Route, Routes } from 'react-router';
import { Empty } from '../../ui/states';
import { ClusterDetailPage } from './cluster-detail-page';
import { ClusterListPage } from './cluster-list-page';
import { CreateClusterPage } from './create-cluster-page';
import { EditClusterPage } from './edit-cluster-page';
import { WarehouseDetailPage } from './warehouse-detail-page';
import { WarehouseListPage } from './warehouse-list-page';
import './compute.css';

/** /compute: all-purpose clusters and SQL warehouses. */
export default function ComputeRoutes() {
  return (
    <Routes>
      <Route index element={<ClusterListPage />} />
      <Route path="create" element={<CreateClusterPage />} />
      <Route path="clusters/:clusterId/edit" element={<EditClusterPage />} />
      <Route path="clusters/:clusterId/*" element={<ClusterDetailPage />} />
      <Route path="warehouses" element={<WarehouseListPage />} />
      <Route path="warehouses/:warehouseId" element={<WarehouseDetailPage />} />
      <Route path="*" element={<Empty title="There is no such compute page">Go back to Compute.</Empty>} />
    </Routes>
  );
}
