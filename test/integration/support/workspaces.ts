import { clientFor, eventually, readApiEnv } from './api-client.js';

export interface DedicatedWorkspace {
  workspaceId: number;
  /** A workspace admin token of it. */
  token: string;
  remove: () => Promise<void>;
}

/**
 * A workspace of its own, created through the account API and provisioned by the operator, so a
 * test or benchmark can fill it and remove everything with it.
 */
export async function dedicatedWorkspace(name: string): Promise<DedicatedWorkspace> {
  const env = readApiEnv();
  const account = clientFor(env.host, env.accountToken);
  const path = `/api/2.0/accounts/${env.accountId}/workspaces`;
  const created = await account<{ workspace_id: number }>('POST', path, { body: { workspace_name: name } });
  if (created.status !== 200)
    throw new Error(`could not create workspace ${name}: ${JSON.stringify(created.body)}`);
  const workspaceId = created.body.workspace_id;
  const remove = async () => {
    await account('DELETE', `${path}/${workspaceId}`);
  };
  try {
    await eventually(async () => {
      const got = await account<{ workspace_status: string }>('GET', `${path}/${workspaceId}`);
      return got.body.workspace_status === 'RUNNING' ? true : undefined;
    }, 60_000);
    const token = await account<{ token_value: string }>('POST', '/api/2.0/token/create', {
      headers: { 'x-databricks-org-id': String(workspaceId) },
      body: { comment: name, lifetime_seconds: 3600 },
    });
    return { workspaceId, token: token.body.token_value, remove };
  } catch (error) {
    // A workspace that never came up is removed here: the caller has nothing to remove yet.
    await remove();
    throw error;
  }
}
