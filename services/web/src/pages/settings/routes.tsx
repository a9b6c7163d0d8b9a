import { Navigate, Route, Routes } from 'react-router';
import { AccessTokensPage } from './access-tokens-page';
import { ProfilePage } from './profile-page';
import { WorkspaceTokensPage } from './workspace-tokens-page';
import './settings.css';

/** /settings: the user's profile, their access tokens, and (for admins) the workspace's tokens. */
export default function SettingsRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="profile" replace />} />
      <Route path="profile" element={<ProfilePage />} />
      <Route path="developer" element={<AccessTokensPage />} />
      <Route path="workspace-admin/tokens" element={<WorkspaceTokensPage />} />
    </Routes>
  );
}
