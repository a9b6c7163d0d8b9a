import { lazy } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Layout } from './shell/layout';
import { SessionProvider } from './shell/session-context';
import { SignInPage } from './shell/sign-in-page';
import { Empty } from './ui/states';

// Each section is its own chunk, loaded when first opened: the first load stays small.
const Compute = lazy(() => import('./pages/compute/routes'));
const Workflows = lazy(() => import('./pages/workflows/routes'));
const WorkspaceFiles = lazy(() => import('./pages/workspace/routes'));
const Catalog = lazy(() => import('./pages/catalog/routes'));
const SqlEditor = lazy(() => import('./pages/sql/routes'));
const Cost = lazy(() => import('./pages/cost/routes'));
const Experiments = lazy(() => import('./pages/experiments/routes'));
const Settings = lazy(() => import('./pages/settings/routes'));

function NotFound() {
  return <Empty title="There is no such page">Pick a section on the left.</Empty>;
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider signedOut={(reason) => <SignInPage reason={reason} />}>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<Navigate to="/compute" replace />} />
            <Route path="compute/*" element={<Compute />} />
            <Route path="workflows/*" element={<Workflows />} />
            <Route path="workspace/*" element={<WorkspaceFiles />} />
            <Route path="catalog/*" element={<Catalog />} />
            <Route path="sql/*" element={<SqlEditor />} />
            <Route path="ml/experiments/*" element={<Experiments />} />
            <Route path="cost/*" element={<Cost />} />
            <Route path="settings/*" element={<Settings />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
