import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { Loading } from '../ui/states';
import { useSession } from './session-context';
import { WorkspacePicker } from './workspace-picker';

/** The sections of the sidebar, in Databricks' words and order. */
const SECTIONS = [
  { to: '/workspace', label: 'Workspace' },
  { to: '/catalog', label: 'Catalog' },
  { to: '/workflows', label: 'Workflows' },
  { to: '/compute', label: 'Compute' },
  { to: '/sql', label: 'SQL Editor' },
  { to: '/ml/experiments', label: 'Experiments' },
  { to: '/cost', label: 'Cost' },
  { to: '/settings', label: 'Settings' },
];

export function Layout() {
  const { session, workspaceId, pickWorkspace, signOut } = useSession();
  const canSwitch = session.workspace_id === undefined && workspaceId !== undefined;
  return (
    <div className="shell">
      <header className="shell-header">
        <NavLink className="brand" to="/">
          Brickyard
        </NavLink>
        {workspaceId !== undefined && <span className="who">Workspace {workspaceId}</span>}
        {canSwitch && (
          <button type="button" className="btn" onClick={() => pickWorkspace(undefined)}>
            Switch workspace
          </button>
        )}
        <span className="who" data-testid="user-name">
          {session.user_name}
        </span>
        <button type="button" className="btn" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <nav className="shell-nav" aria-label="Sections">
        {SECTIONS.map((section) => (
          <NavLink key={section.to} to={section.to}>
            {section.label}
          </NavLink>
        ))}
      </nav>
      <main className="shell-main">
        {workspaceId === undefined ? (
          <WorkspacePicker />
        ) : (
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        )}
      </main>
    </div>
  );
}
