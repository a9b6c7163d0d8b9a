import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../shell/session-context';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { RevokeTokenButton } from './revoke-token-button';
import { listWorkspaceTokens, revokeWorkspaceToken, tokensKey } from './settings-api';
import { SettingsNav } from './settings-nav';
import { TokenTable } from './token-table';

/** Workspace admin → every personal access token of the workspace, whoever it belongs to. */
export function WorkspaceTokensPage() {
  const { session } = useSession();
  const tokens = useQuery({
    queryKey: [...tokensKey, 'workspace'],
    queryFn: listWorkspaceTokens,
    enabled: session.is_admin,
  });
  return (
    <Page title="Settings">
      <SettingsNav />
      <h2 className="section-title">Tokens of the workspace</h2>
      {!session.is_admin ? (
        <Empty title="Only workspace admins see every token">Your own tokens are under Developer.</Empty>
      ) : (
        <QueryView query={tokens} label="Loading the workspace's tokens">
          {(list) =>
            list.length === 0 ? (
              <Empty title="The workspace has no access tokens">Users generate them under Developer.</Empty>
            ) : (
              <TokenTable
                tokens={list}
                caption="Access tokens of the workspace"
                extraHeaders={['Created by', 'Owner ID']}
                extra={(token) => [token.created_by_username, token.owner_id]}
                action={(token) => (
                  <RevokeTokenButton
                    tokenId={token.token_id}
                    comment={token.comment}
                    revoke={revokeWorkspaceToken}
                  />
                )}
              />
            )
          }
        </QueryView>
      )}
    </Page>
  );
}
