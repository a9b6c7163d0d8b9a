/**
 * Installs Brickyard into a cluster and prints shell exports for what it created:
 *   tsx services/api/src/install/install.ts --crds crds --secrets-dir .brickyard/secrets
 *   node services/api/dist/install/install.js --tokens-secret brickyard-bootstrap-tokens
 * Idempotent: CRDs are applied (when --crds is given; Helm applies the chart's own); the account
 * id, default workspace and the two bootstrap tokens are created once and reused. Token values
 * are hashed in-cluster and kept only in --secrets-dir, or, in-cluster, in the --tokens-secret
 * Secret of the system namespace (then they are not printed either).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { WorkspaceResource } from '@brickyard/common/crd';
import { newNumericId } from '@brickyard/common/ids';
import { apiStatus, isAlreadyExists, isNotFound, loadKubeConfig } from '@brickyard/common/kube';
import {
  API_VERSION,
  GROUP,
  Labels,
  MANAGED_BY,
  SYSTEM_NAMESPACE,
  VERSION,
  workspaceResourceName,
} from '@brickyard/common/vocabulary';
import { CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { type Logger, pino } from 'pino';
import { TokenStore } from '../auth/token-store.js';
import { IdentityDirectory } from '../identity/identity-directory.js';
import { ensureWorkspaceIdentities } from '../identity/workspace-identities.js';
import { applyAdmissionPolicy, applyCrds } from './apply-crds.js';
import { directoryKeeper, secretKeeper, type TokenKeeper } from './token-keeper.js';

const ACCOUNT_CONFIG_MAP = 'brickyard-account';
const DEFAULT_WORKSPACE_LABEL = `${GROUP}/default-workspace`;

/** Read first, so an install whose namespace exists needs no right to create namespaces. */
async function ensureSystemNamespace(core: CoreV1Api): Promise<void> {
  try {
    await core.readNamespace({ name: SYSTEM_NAMESPACE });
    return;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  try {
    await core.createNamespace({
      body: { metadata: { name: SYSTEM_NAMESPACE, labels: { [Labels.managedBy]: MANAGED_BY } } },
    });
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
}

/** The account id lives in a ConfigMap so every API replica and reinstall agrees on it. */
async function ensureAccountId(core: CoreV1Api): Promise<string> {
  try {
    const existing = await core.readNamespacedConfigMap({
      name: ACCOUNT_CONFIG_MAP,
      namespace: SYSTEM_NAMESPACE,
    });
    const id = existing.data?.account_id;
    if (id) return id;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const accountId = randomUUID();
  await core.createNamespacedConfigMap({
    namespace: SYSTEM_NAMESPACE,
    body: {
      metadata: { name: ACCOUNT_CONFIG_MAP, labels: { [Labels.managedBy]: MANAGED_BY } },
      data: { account_id: accountId },
    },
  });
  return accountId;
}

/** Right after a CRD is established its storage may answer 429 for a moment; retry those. */
async function whileWarmingUp<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (apiStatus(error) !== 429 || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function ensureDefaultWorkspace(kubeConfig: KubeConfig): Promise<WorkspaceResource> {
  const api = kubeConfig.makeApiClient(CustomObjectsApi);
  const coordinates = { group: GROUP, version: VERSION, plural: 'workspaces' };
  const existing = (await whileWarmingUp(() =>
    api.listClusterCustomObject({ ...coordinates, labelSelector: `${DEFAULT_WORKSPACE_LABEL}=true` }),
  )) as { items: WorkspaceResource[] };
  const found = existing.items[0];
  if (found) return found;
  const workspaceId = newNumericId();
  const body: WorkspaceResource = {
    apiVersion: API_VERSION,
    kind: 'Workspace',
    metadata: {
      name: workspaceResourceName(workspaceId),
      labels: {
        [Labels.managedBy]: MANAGED_BY,
        [Labels.workspaceId]: String(workspaceId),
        [DEFAULT_WORKSPACE_LABEL]: 'true',
      },
    },
    spec: {
      workspaceId,
      workspaceName: 'default',
      deploymentName: 'default',
      awsRegion: 'us-east-1',
      pricingTier: 'PREMIUM',
    },
  };
  return (await whileWarmingUp(() =>
    api.createClusterCustomObject({ ...coordinates, body }),
  )) as WorkspaceResource;
}

/** The default workspace's admin user and built-in groups (identity/workspace-identities.ts). */
async function ensureDefaultIdentities(
  kubeConfig: KubeConfig,
  log: Logger,
  workspace: WorkspaceResource,
  admin: string,
): Promise<void> {
  const identities = new IdentityDirectory(kubeConfig, log);
  await Promise.all(identities.stores.map((store) => store.start()));
  try {
    await Promise.all(identities.stores.map((store) => store.synced));
    await ensureWorkspaceIdentities(identities, workspace, admin);
  } finally {
    await Promise.all(identities.stores.map((store) => store.stop()));
  }
}

/** Reuses the token kept under `key` while the cluster still knows it, else mints a new one. */
async function ensureToken(
  tokens: TokenStore,
  keeper: TokenKeeper,
  key: string,
  fields: Parameters<TokenStore['create']>[0],
): Promise<string> {
  const kept = await keeper.read(key);
  const known = kept ? tokens.authenticate(kept) : undefined;
  if (known && known.scope === fields.scope && known.user_name === fields.user_name) return kept;
  const { value } = await tokens.create(fields, undefined);
  await keeper.write(key, value);
  return value;
}

function exportsOf(values: Record<string, string>, keeper: TokenKeeper): string {
  return Object.entries(values)
    .map(([name, value]) =>
      keeper.location && name.endsWith('TOKEN')
        ? `# ${name}: kept in ${keeper.location}`
        : `export ${name}='${value}'`,
    )
    .concat('')
    .join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      crds: { type: 'string' },
      'secrets-dir': { type: 'string' },
      'tokens-secret': { type: 'string' },
    },
  });
  const secretsDir = values['secrets-dir'];
  const tokensSecret = values['tokens-secret'];
  if (!secretsDir === !tokensSecret)
    throw new Error('usage: install.ts [--crds <dir>] (--secrets-dir <dir> | --tokens-secret <name>)');
  // Logs go to stderr: stdout is the shell exports make up writes to .brickyard/env.
  const log = pino({ name: 'brickyard-install', level: 'warn' }, pino.destination(2));
  const kubeConfig = loadKubeConfig();
  const core = kubeConfig.makeApiClient(CoreV1Api);

  if (values.crds) {
    await applyCrds(kubeConfig, values.crds);
    await applyAdmissionPolicy(kubeConfig);
  }
  await ensureSystemNamespace(core);
  const accountId = await ensureAccountId(core);
  const defaultWorkspace = await ensureDefaultWorkspace(kubeConfig);
  const workspaceId = defaultWorkspace.spec.workspaceId;
  const admin = 'admin@brickyard.local';
  await ensureDefaultIdentities(kubeConfig, log, defaultWorkspace, admin);

  const tokens = new TokenStore(kubeConfig, log);
  await tokens.start();
  await tokens.synced;
  const keeper = secretsDir ? await directoryKeeper(secretsDir) : secretKeeper(core, tokensSecret as string);
  const accountToken = await ensureToken(tokens, keeper, 'account-admin-token', {
    scope: 'account',
    user_name: admin,
    is_account_admin: true,
    comment: 'account admin, created at install',
    created_by_username: admin,
  });
  const workspaceToken = await ensureToken(tokens, keeper, 'workspace-admin-token', {
    scope: workspaceId,
    user_name: admin,
    is_account_admin: false,
    comment: 'workspace admin of the default workspace, created at install',
    created_by_username: admin,
  });
  await tokens.stop();

  process.stdout.write(
    exportsOf(
      {
        DATABRICKS_ACCOUNT_ID: accountId,
        BRICKYARD_ACCOUNT_TOKEN: accountToken,
        BRICKYARD_DEFAULT_WORKSPACE_ID: String(workspaceId),
        DATABRICKS_TOKEN: workspaceToken,
      },
      keeper,
    ),
  );
}

await main();
