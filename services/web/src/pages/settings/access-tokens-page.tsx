import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { GenerateTokenForm } from './generate-token-form';
import { NewTokenNotice } from './new-token-notice';
import { RevokeTokenButton } from './revoke-token-button';
import { type CreatedToken, listOwnTokens, revokeOwnToken, tokensKey } from './settings-api';
import { SettingsNav } from './settings-nav';
import { TokenTable } from './token-table';

/** Developer → Access tokens: the signed-in user's personal access tokens. */
export function AccessTokensPage() {
  const tokens = useQuery({ queryKey: [...tokensKey, 'own'], queryFn: listOwnTokens });
  const [generating, setGenerating] = useState(false);
  const [created, setCreated] = useState<CreatedToken>();
  return (
    <Page title="Settings">
      <SettingsNav />
      <header className="page-header">
        <h2 className="section-title">Access tokens</h2>
        <button
          type="button"
          className="btn primary"
          disabled={generating}
          onClick={() => {
            setCreated(undefined);
            setGenerating(true);
          }}
        >
          Generate new token
        </button>
      </header>
      <p className="muted">
        Personal access tokens authenticate the Databricks CLI, the SDKs and the REST API as you.
      </p>
      {generating && (
        <GenerateTokenForm
          onCreated={(token) => {
            setGenerating(false);
            setCreated(token);
          }}
          onClose={() => setGenerating(false)}
        />
      )}
      {created && <NewTokenNotice token={created} onDone={() => setCreated(undefined)} />}
      <QueryView query={tokens} label="Loading your tokens">
        {(list) =>
          list.length === 0 ? (
            <Empty title="You have no access tokens">Generate one to use the CLI or the REST API.</Empty>
          ) : (
            <TokenTable
              tokens={list}
              caption="Your access tokens"
              action={(token) => (
                <RevokeTokenButton tokenId={token.token_id} comment={token.comment} revoke={revokeOwnToken} />
              )}
            />
          )
        }
      </QueryView>
    </Page>
  );
}
