import { Route, Routes } from 'react-router';
import { ExperimentPage } from './experiment-page';
import { ExperimentsListPage } from './experiments-list-page';

/** /ml/experiments: MLflow experiments and their runs. */
export default function ExperimentsRoutes() {
  return (
    <Routes>
      <Route index element={<ExperimentsListPage />} />
      <Route path=":id" element={<ExperimentPage />} />
    </Routes>
  );
}
