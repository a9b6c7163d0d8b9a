import { readFile } from 'node:fs/promises';
import { COMPUTE_CALLER_HEADER } from '@brickyard/common/compute-callers';
import type { ApiReach } from '../spark/spark-engine-config.js';
import { BridgeCallError } from './bridge-server.js';

const REQUEST_TIMEOUT_MS = 30_000;
/** The API may be restarting: an unreachable or unavailable API is asked again, this many times. */
const ATTEMPTS = 3;
const RETRY_MS = 1_000;

async function ask(api: ApiReach, url: URL, computeCaller: string | undefined): Promise<unknown> {
  const token = (await readFile(api.tokenFile, 'utf8')).trim();
  const response = await fetch(url, {
    headers: {
      authorization: `Bearer ${token}`,
      ...(computeCaller ? { [COMPUTE_CALLER_HEADER]: computeCaller } : {}),
    },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await response.json().catch(() => ({}))) as { error_code?: string; message?: string };
  if (response.ok) return body;
  throw new BridgeCallError(
    body.error_code ?? 'INTERNAL',
    body.message ?? `${url.pathname} answered ${response.status}`,
  );
}

/**
 * dbutils.secrets through the Secrets API, with the pod's service account token (renewed in its
 * file, so read for every call) and the credential of whom the work acts for (a task's run-as
 * user, an execution context's creator), whose secret ACLs apply; without one, the API takes the
 * call as the cluster's creator. Values pass through as the API's base64 and are never logged; an API error becomes
 * a bridge error of the same code (RESOURCE_DOES_NOT_EXIST, PERMISSION_DENIED, ...).
 */
export class WorkspaceSecrets {
  constructor(
    private readonly api: ApiReach | undefined,
    private readonly computeCaller: string | undefined,
  ) {}

  /** A secret's value, base64. */
  async get(scope: string, key: string): Promise<string> {
    const answer = (await this.call('get', { scope, key })) as { value?: string };
    return answer.value ?? '';
  }

  async list(scope: string): Promise<string[]> {
    const answer = (await this.call('list', { scope })) as { secrets?: { key: string }[] };
    return (answer.secrets ?? []).map((secret) => secret.key);
  }

  async listScopes(): Promise<string[]> {
    const answer = (await this.call('scopes/list', {})) as { scopes?: { name: string }[] };
    return (answer.scopes ?? []).map((scope) => scope.name);
  }

  private async call(path: string, query: Record<string, string>): Promise<unknown> {
    const { api } = this;
    if (!api) {
      throw new BridgeCallError(
        'UNAVAILABLE',
        'dbutils.secrets needs the API: this pod has no BRICKYARD_API_URL and BRICKYARD_API_TOKEN_FILE',
      );
    }
    const url = new URL(`/api/2.0/secrets/${path}`, api.url);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    for (let attempt = 1; ; attempt++) {
      try {
        return await ask(api, url, this.computeCaller);
      } catch (error) {
        const retryable = !(error instanceof BridgeCallError) || error.type === 'TEMPORARILY_UNAVAILABLE';
        if (!retryable || attempt >= ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }
}

/**
 * The Secrets API as this pod reaches it (the operator sets both variables on every runtime pod),
 * for the work a compute caller credential names.
 */
export function workspaceSecrets(
  computeCaller: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): WorkspaceSecrets {
  const { BRICKYARD_API_URL: url, BRICKYARD_API_TOKEN_FILE: tokenFile } = env;
  return new WorkspaceSecrets(url && tokenFile ? { url, tokenFile } : undefined, computeCaller);
}
