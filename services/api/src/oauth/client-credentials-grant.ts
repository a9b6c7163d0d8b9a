import type { TokenStore } from '../auth/token-store.js';
import type { IdentityDirectory } from '../identity/identity-directory.js';
import type { WorkspaceDirectory } from '../store/workspace-directory.js';
import type { ClientSecretRecord, ClientSecretStore } from './client-secret-store.js';
import { type ClientCredentialsRequest, invalidClient } from './token-request.js';

/** An access token lives an hour, as Databricks' do; the SDKs ask for a new one before it ends. */
const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
/** How the access tokens are told from a principal's other tokens (token-management lists them). */
const ACCESS_TOKEN_COMMENT = 'OAuth access token (client credentials)';

export interface GrantSources {
  secrets: ClientSecretStore;
  identities: IdentityDirectory;
  workspaces: WorkspaceDirectory;
  tokens: TokenStore;
}

interface AccessTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/**
 * The secret a client id and secret name, with its service principal as it is now. The secret
 * was made in one workspace, for that workspace's principal: it picks the workspace, even when
 * other workspaces have a principal of the same application id.
 */
async function authenticateClient(
  request: ClientCredentialsRequest,
  { secrets, identities, workspaces }: GrantSources,
  now: number,
): Promise<ClientSecretRecord> {
  const record = await secrets.find(request.clientSecret);
  if (!record || record.application_id !== request.clientId)
    throw invalidClient('unknown client id or secret');
  if (record.expire_time <= now) throw invalidClient('the secret has expired');
  if (!workspaces.find(record.workspace_id)) throw invalidClient('its workspace no longer exists');
  const principal = identities.servicePrincipal(record.workspace_id, record.service_principal_id);
  if (principal?.metadata.uid !== record.owner_uid) {
    throw invalidClient('its service principal no longer exists');
  }
  if (!principal.spec.active) throw invalidClient('its service principal is deactivated');
  return record;
}

/**
 * Issues an access token for a client credentials grant: a Brickyard token of the service
 * principal in its workspace, so that revoking the principal (deleting or deactivating it)
 * refuses the token at once, as it does the principal's other tokens.
 */
export async function grantClientCredentials(
  request: ClientCredentialsRequest,
  sources: GrantSources,
  now = Date.now(),
): Promise<AccessTokenResponse> {
  const client = await authenticateClient(request, sources, now);
  const { value } = await sources.tokens.create(
    {
      scope: client.workspace_id,
      user_name: client.application_id,
      is_account_admin: false,
      comment: ACCESS_TOKEN_COMMENT,
      created_by_username: client.application_id,
    },
    ACCESS_TOKEN_LIFETIME_SECONDS,
    undefined,
    now,
  );
  return {
    access_token: value,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    scope: request.scope,
  };
}

/**
 * Revokes a client's expired access tokens: each grant makes a token, and expired ones would
 * otherwise stay as Secrets for good. Run after a grant, so a client cleans up after itself.
 */
export async function revokeExpiredAccessTokens(
  tokens: TokenStore,
  applicationId: string,
  now = Date.now(),
): Promise<void> {
  const expired = tokens.list(
    (record) =>
      record.user_name === applicationId &&
      record.comment === ACCESS_TOKEN_COMMENT &&
      record.expiry_time !== -1 &&
      record.expiry_time <= now,
  );
  for (const record of expired) await tokens.delete(record.token_id);
}
