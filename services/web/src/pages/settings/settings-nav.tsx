import { NavLink } from 'react-router';
import { useSession } from '../../shell/session-context';

/** Settings' pages as Databricks groups them: the user's own, then the workspace admin's. */
export function SettingsNav() {
  const { session } = useSession();
  return (
    <nav className="tabs" aria-label="Settings">
      <NavLink to="/settings/profile">Profile</NavLink>
      <NavLink to="/settings/developer">Developer</NavLink>
      {session.is_admin && <NavLink to="/settings/workspace-admin/tokens">Workspace admin</NavLink>}
    </nav>
  );
}
