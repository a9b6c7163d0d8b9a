import { randomUUID } from 'node:crypto';
import { waitFor } from '../../integration/support/wait-for.js';
import type { ApiCaller, TestApp } from './test-app.js';

export interface TestWorkspace {
  workspaceId: number;
  /** A workspace admin token (the account admin's, in this workspace). */
  adminToken: string;
  /**
   * A non-admin principal of the workspace and its token: a service principal (tokens on behalf
   * of others are for service principals only), named by its application id.
   */
  userName: string;
  userToken: string;
  admin: ApiCaller;
  user: ApiCaller;
  /** Revokes the tokens made here and deletes the workspace with everything in it. */
  remove: () => Promise<void>;
}

function expectOk(what: string, response: { status: number; text: string }): void {
  if (response.status !== 200) throw new Error(`${what}: ${response.status} ${response.text}`);
}

/**
 * A workspace of its own for one test file, created through the account API of the in-process app
 * and provisioned by the platform's operator, with an admin and a non-admin token.
 */
export async function testWorkspace(api: TestApp, name: string): Promise<TestWorkspace> {
  const path = `/api/2.0/accounts/${api.env.accountId}/workspaces`;
  const workspaceName = `${name}-${randomUUID().slice(0, 8)}`;
  const created = await api.account<{ workspace_id: number }>('POST', path, {
    body: { workspace_name: workspaceName },
  });
  expectOk(`create workspace ${workspaceName}`, created);
  const workspaceId = created.body.workspace_id;
  const inWorkspace = api.as(api.env.accountToken, workspaceId);
  const remove = async () => {
    // Tokens outlive their workspace as Secrets: revoke every one this workspace has.
    const tokens = await inWorkspace<{ token_infos?: { token_id: string }[] }>(
      'GET',
      '/api/2.0/token-management/tokens',
    );
    for (const { token_id } of tokens.body.token_infos ?? []) {
      await inWorkspace('DELETE', `/api/2.0/token-management/tokens/${token_id}`);
    }
    await api.account('DELETE', `${path}/${workspaceId}`);
  };
  try {
    await waitFor(
      `workspace ${workspaceName} to be RUNNING`,
      async () => {
        const got = await api.account<{ workspace_status: string }>('GET', `${path}/${workspaceId}`);
        return got.body.workspace_status === 'RUNNING' ? true : undefined;
      },
      { timeoutMs: 60_000, hint: 'is the operator running? make -C /work/main status' },
    );
    const adminToken = await inWorkspace<{ token_value: string }>('POST', '/api/2.0/token/create', {
      body: { comment: `${workspaceName} admin`, lifetime_seconds: 3600 },
    });
    expectOk('create the admin token', adminToken);
    const servicePrincipal = await inWorkspace<{ applicationId: string }>(
      'POST',
      '/api/2.0/preview/scim/v2/ServicePrincipals',
      { body: { displayName: `${name} user ${randomUUID().slice(0, 8)}` } },
    );
    if (servicePrincipal.status !== 201) {
      throw new Error(`create the user: ${servicePrincipal.status} ${servicePrincipal.text}`);
    }
    const userName = servicePrincipal.body.applicationId;
    const userToken = await inWorkspace<{ token_value: string }>(
      'POST',
      '/api/2.0/token-management/on-behalf-of/tokens',
      { body: { application_id: userName, comment: `${workspaceName} user`, lifetime_seconds: 3600 } },
    );
    expectOk('create the user token', userToken);
    return {
      workspaceId,
      adminToken: adminToken.body.token_value,
      userName,
      userToken: userToken.body.token_value,
      admin: api.as(adminToken.body.token_value),
      user: api.as(userToken.body.token_value),
      remove,
    };
  } catch (error) {
    // A workspace that never came up is removed here: the caller has nothing to remove yet.
    await remove();
    throw error;
  }
}
