import { Route, Routes } from 'react-router';
import { WorkspaceObjectPage } from './workspace-object-page';
import './tree.css';
import './workspace.css';

/** /workspace/<path>: the folder, notebook or file at that workspace path; /workspace is the root. */
export default function WorkspaceRoutes() {
  return (
    <Routes>
      <Route path="*" element={<WorkspaceObjectPage />} />
    </Routes>
  );
}
