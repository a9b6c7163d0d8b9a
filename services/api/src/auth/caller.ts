import { type ComputeCallers, isComputeCallerCredential } from '@brickyard/common/compute-callers';
import type { ClusterResource, WorkspaceResource } from '@brickyard/common/crd';
import { workspaceNamespace } from '@brickyard/common/vocabulary';
import {
  invalidParameter,
  permissionDenied,
  resourceDoesNotExist,
  temporarilyUnavailable,
  unauthenticated,
} from '../errors/databricks-error.js';
import type { IdentityDirectory } from '../identity/identity-directory.js';
import type { CustomResourceStore } from '../store/custom-resource-store.js';
import type { WorkspaceDirectory } from '../store/workspace-directory.js';
import { ADMINS_GROUP, type Principal, USERS_GROUP, userIdOf } from './principal.js';
import {
  looksLikeServiceAccountToken,
  type RuntimeIdentity,
  type RuntimeTokenReviewer,
} from './runtime-tokens.js';
import type { TokenRecord, TokenStore } from './token-store.js';

/** Who may call a route. Workspace routes act inside exactly one workspace. */
export type Access = 'public' | 'workspace' | 'workspace-admin' | 'account-admin';

export interface WorkspaceContext {
  workspaceId: number;
  namespace: string;
  resource: WorkspaceResource;
}

/** The headers that say who calls and in which workspace, whatever the protocol (REST or gRPC). */
export interface CallerHeaders {
  authorization?: string | undefined;
  orgId?: string | undefined;
  /** From a compute's runtime: whose work the call is for, as a credential (common compute-callers). */
  computeCaller?: string | undefined;
}

export interface Caller {
  principal: Principal;
  /** Set for every access but account-admin. */
  workspace?: WorkspaceContext;
}

export const ORG_ID_HEADER = 'x-databricks-org-id';

/** Where callers are known from: personal access tokens, and runtime pods' service account tokens. */
export interface CallerSources {
  tokens: TokenStore;
  workspaces: WorkspaceDirectory;
  runtimeTokens: RuntimeTokenReviewer;
  clusters: CustomResourceStore<ClusterResource>;
  identities: IdentityDirectory;
  computeCallers: ComputeCallers;
}

/** Who a runtime pod acts as when it acts for no one: no more than every workspace user may. */
const RUNTIME_FALLBACK_USER = 'System-User';

/**
 * The token of `Authorization: Bearer <token>`, or of `Authorization: Basic` with the token as the
 * password (user name `token`), which Databricks accepts too and browsers can send.
 */
function tokenOf(authorization: string | undefined): string {
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (bearer?.[1]) return bearer[1];
  const basic = authorization?.match(/^Basic\s+(\S+)\s*$/i);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    if (decoded.includes(':') && password) return password;
  }
  throw unauthenticated('Missing Authorization header with a bearer token');
}

function requestedWorkspaceId(orgId: string | undefined): number | undefined {
  if (orgId === undefined) return undefined;
  const id = Number(orgId);
  if (!Number.isSafeInteger(id) || id <= 0) throw invalidParameter(`${ORG_ID_HEADER} must be a workspace id`);
  return id;
}

/** An account admin, as which an account token acts: an admin of every workspace. */
function accountAdminPrincipal(record: TokenRecord): Principal {
  return {
    tokenId: record.token_id,
    userName: record.user_name,
    userId: userIdOf(record.user_name),
    kind: 'user',
    isAdmin: true,
    isAccountAdmin: true,
    groups: [USERS_GROUP, ADMINS_GROUP],
  };
}

/**
 * The principal a name stands for in a workspace (a user name, or a service principal's
 * application id), with its groups as they are now: removing someone from `admins` takes effect
 * on their next call. A name that is no longer in the workspace, or deactivated, is refused.
 */
export function workspacePrincipal(
  identities: IdentityDirectory,
  workspaceId: number,
  name: string,
  tokenId: string,
): Principal {
  const identity = identities.principalNamed(workspaceId, name);
  if (!identity) throw unauthenticated(`Invalid access token: ${name} is not a member of this workspace`);
  if (!identity.resource.spec.active) throw permissionDenied(`${name} is deactivated in this workspace`);
  const groups = identities.memberships(workspaceId, identity.resource.spec.id);
  return {
    tokenId,
    userName: name,
    userId: Number(identity.resource.spec.id),
    kind: identity.kind,
    isAdmin: groups.includes(ADMINS_GROUP),
    isAccountAdmin: false,
    groups,
  };
}

/** Refuses a caller who is not an admin of the workspace the call acts in. */
export function requireWorkspaceAdmin(principal: Principal): void {
  if (!principal.isAdmin) throw permissionDenied('Only workspace admins may call this API');
}

/**
 * Authenticates a call and picks its workspace: a workspace token acts in its own workspace only;
 * an account admin token picks one with X-Databricks-Org-Id; a runtime pod's token acts in its
 * pod's workspace as its cluster's creator. Throws the Databricks error to answer.
 */
export async function resolveCaller(
  headers: CallerHeaders,
  access: Exclude<Access, 'public'>,
  sources: CallerSources,
): Promise<Caller> {
  const token = tokenOf(headers.authorization);
  const record = sources.tokens.authenticate(token);
  if (record) return tokenCaller(record, headers, access, sources);
  if (isComputeCallerCredential(token)) return await computeTokenCaller(token, headers, access, sources);
  if (looksLikeServiceAccountToken(token)) {
    const identity = await sources.runtimeTokens.review(token);
    if (identity) return await runtimeCaller(identity, headers, access, sources);
  }
  throw unauthenticated('Invalid access token');
}

function tokenCaller(
  record: TokenRecord,
  headers: CallerHeaders,
  access: Exclude<Access, 'public'>,
  { workspaces, identities }: CallerSources,
): Caller {
  if (access === 'account-admin') {
    if (!record.is_account_admin) throw permissionDenied('Only account admins may call this API');
    return { principal: accountAdminPrincipal(record) };
  }

  const requested = requestedWorkspaceId(headers.orgId);
  let workspaceId: number;
  if (record.scope === 'account') {
    if (requested === undefined) {
      throw invalidParameter(`An account token needs the ${ORG_ID_HEADER} header to choose a workspace`);
    }
    workspaceId = requested;
  } else {
    if (requested !== undefined && requested !== record.scope) {
      throw permissionDenied(`This token is not valid for workspace ${requested}`);
    }
    workspaceId = record.scope;
  }
  const resource = workspaces.find(workspaceId);
  if (!resource) {
    if (record.scope !== 'account')
      throw unauthenticated('Invalid access token: its workspace no longer exists');
    throw resourceDoesNotExist(`Workspace ${workspaceId} does not exist`);
  }
  const principal = record.is_account_admin
    ? accountAdminPrincipal(record)
    : workspacePrincipal(identities, workspaceId, record.user_name, record.token_id);
  if (access === 'workspace-admin') requireWorkspaceAdmin(principal);
  return { principal, workspace: { workspaceId, namespace: workspaceNamespace(workspaceId), resource } };
}

/**
 * A compute caller credential as a bearer token: the API token a notebook's or a task's process
 * has (DATABRICKS_TOKEN), acting for the user it was minted for, in its workspace, for as long as
 * the credential lives. It can do no more than its user can: it is theirs.
 */
async function computeTokenCaller(
  credential: string,
  headers: CallerHeaders,
  access: Exclude<Access, 'public'>,
  { computeCallers, workspaces, identities }: CallerSources,
): Promise<Caller> {
  if (access === 'account-admin') throw permissionDenied('Only account admins may call this API');
  const caller = await computeCallers.resolve(credential).catch(() => {
    throw temporarilyUnavailable('Could not verify the caller of this work; retry');
  });
  if (!caller) throw unauthenticated('Invalid access token');
  const requested = requestedWorkspaceId(headers.orgId);
  if (requested !== undefined && requested !== caller.workspaceId) {
    throw permissionDenied(`This token is not valid for workspace ${requested}`);
  }
  const resource = workspaces.find(caller.workspaceId);
  if (!resource) throw unauthenticated('Invalid access token: its workspace no longer exists');
  const tokenId = `compute:${caller.clusterId}`;
  const principal = workspacePrincipal(identities, caller.workspaceId, caller.userName, tokenId);
  if (access === 'workspace-admin') requireWorkspaceAdmin(principal);
  const namespace = workspaceNamespace(caller.workspaceId);
  return { principal, workspace: { workspaceId: caller.workspaceId, namespace, resource } };
}

async function runtimeCaller(
  identity: RuntimeIdentity,
  headers: CallerHeaders,
  access: Exclude<Access, 'public'>,
  sources: CallerSources,
): Promise<Caller> {
  if (access !== 'workspace') throw permissionDenied('A cluster may not call this API');
  const requested = requestedWorkspaceId(headers.orgId);
  if (requested !== undefined && requested !== identity.workspaceId) {
    throw permissionDenied(`This token is not valid for workspace ${requested}`);
  }
  const namespace = workspaceNamespace(identity.workspaceId);
  const resource = sources.workspaces.find(identity.workspaceId);
  const cluster = sources.clusters.get(namespace, identity.clusterId);
  if (!resource || !cluster) throw unauthenticated('Invalid access token: its cluster no longer exists');
  const tokenId = `runtime:${identity.podName}`;
  const actingFor = await runtimeUserName(identity, cluster, headers.computeCaller, sources.computeCallers);
  const principal: Principal = actingFor
    ? workspacePrincipal(sources.identities, identity.workspaceId, actingFor, tokenId)
    : {
        tokenId,
        userName: RUNTIME_FALLBACK_USER,
        userId: userIdOf(RUNTIME_FALLBACK_USER),
        kind: 'user',
        isAdmin: false,
        isAccountAdmin: false,
        groups: [USERS_GROUP],
      };
  return { principal, workspace: { workspaceId: identity.workspaceId, namespace, resource } };
}

/**
 * Whom a runtime pod's call acts for. A call with a compute caller credential acts for the user
 * it was minted for (a warehouse statement's caller, an execution context's creator, a task run's
 * run-as user), when it comes from a pod of the cluster it was minted for; any other is refused.
 * Without one, a SQL warehouse's pod acts for no one (its statements' sessions all carry a
 * credential, so a call without one is not a statement's), and a cluster's acts for its creator,
 * as a single-user cluster does: the runtime's own calls (its catalogs, its libraries) and Spark
 * sessions opened around the runtime (spark-submit applications, a session code makes itself).
 */
async function runtimeUserName(
  identity: RuntimeIdentity,
  cluster: ClusterResource,
  credential: string | undefined,
  computeCallers: ComputeCallers,
): Promise<string | undefined> {
  if (credential === undefined) {
    return cluster.spec.clusterSource === 'SQL' ? undefined : cluster.spec.creatorUserName;
  }
  const caller = await computeCallers.resolve(credential).catch(() => {
    throw temporarilyUnavailable('Could not verify the caller of this work; retry');
  });
  if (caller?.workspaceId !== identity.workspaceId || caller.clusterId !== identity.clusterId) {
    throw unauthenticated('Invalid compute caller credential: it is not valid for this cluster');
  }
  return caller.userName;
}
