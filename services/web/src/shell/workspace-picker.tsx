import { useQuery } from '@tanstack/react-query';
import { listWorkspaces } from '../rest/session';
import { Page } from '../ui/page';
import { Empty, QueryView } from '../ui/states';
import { useSession } from './session-context';

/** An account admin's token acts in any workspace: the admin picks one before anything else. */
export function WorkspacePicker() {
  const { session, pickWorkspace } = useSession();
  const query = useQuery({
    queryKey: ['account-workspaces'],
    queryFn: () => listWorkspaces(session.account_id),
  });
  return (
    <Page title="Choose a workspace">
      <QueryView query={query} label="Loading workspaces">
        {(workspaces) =>
          workspaces.length === 0 ? (
            <Empty title="This account has no workspaces">
              Create one with <code>databricks account workspaces create</code>.
            </Empty>
          ) : (
            <ul className="card">
              {workspaces.map((workspace) => (
                <li key={workspace.workspace_id}>
                  <button type="button" className="btn" onClick={() => pickWorkspace(workspace.workspace_id)}>
                    {workspace.workspace_name} ({workspace.workspace_id})
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Page>
  );
}
