import type { ServicePrincipalResource, UserResource, WorkspaceResource } from '@brickyard/common/crd';
import { ACCOUNT_IDENTITIES } from '@brickyard/common/schema';
import { Labels } from '@brickyard/common/vocabulary';
import { ADMINS_GROUP } from '../auth/principal.js';
import type { TokenStore } from '../auth/token-store.js';
import { resourceAlreadyExists, resourceDoesNotExist } from '../errors/databricks-error.js';
import type { CustomResourceStore } from '../store/custom-resource-store.js';
import {
  type IdentityDirectory,
  identityMetadata,
  type PrincipalIdentity,
  workspaceScope,
} from './identity-directory.js';
import { forgetPrincipal } from './memberships.js';
import { type ScimCollection, servicePrincipalCollection, userCollection } from './scim-collections.js';
import { defined } from './scim-documents.js';

/**
 * Identity federation, as on Databricks: users and service principals belong to the account, and
 * reach a workspace by assignment. An assigned principal is copied into the workspace (same id,
 * same name, labelled account-principal), so that workspace's SCIM, tokens, groups and permissions
 * know it as they know their own; ADMIN also puts the copy in the workspace's `admins` group. The
 * copies are the assignments: a workspace's assignments are read from them, and nothing else.
 */

export const WORKSPACE_PERMISSIONS = ['USER', 'ADMIN'] as const;
export type WorkspacePermission = (typeof WORKSPACE_PERMISSIONS)[number];

type Principal = UserResource | ServicePrincipalResource;

/** The account's user or service principal with this id. */
export function accountPrincipal(directory: IdentityDirectory, id: string): PrincipalIdentity | undefined {
  const user = directory.user(ACCOUNT_IDENTITIES, id);
  if (user) return { kind: 'user', resource: user };
  const servicePrincipal = directory.servicePrincipal(ACCOUNT_IDENTITIES, id);
  return servicePrincipal && { kind: 'service-principal', resource: servicePrincipal };
}

function isAssigned(resource: Principal): boolean {
  return resource.metadata.labels?.[Labels.accountPrincipal] === 'true';
}

/** The account principals a workspace is assigned: its identities that are copies of them. */
export function assignedPrincipals(directory: IdentityDirectory, workspaceId: number): PrincipalIdentity[] {
  return [
    ...directory
      .usersOf(workspaceId)
      .filter(isAssigned)
      .map((resource) => ({ kind: 'user' as const, resource })),
    ...directory
      .servicePrincipalsOf(workspaceId)
      .filter(isAssigned)
      .map((resource) => ({ kind: 'service-principal' as const, resource })),
  ];
}

/** ADMIN when the copy is directly in the workspace's `admins` group, else USER. */
export function assignedPermission(
  directory: IdentityDirectory,
  workspaceId: number,
  id: string,
): WorkspacePermission {
  const direct = directory.directGroupsOf(workspaceId, id);
  return direct.some((group) => group.spec.displayName === ADMINS_GROUP) ? 'ADMIN' : 'USER';
}

/** The copy of an account principal in a workspace: the account's spec, the workspace's entitlements. */
function copyOf<R extends Principal>(account: R, workspaceId: number, existing: R | undefined): R['spec'] {
  return defined({ ...account.spec, workspaceId, entitlements: existing?.spec.entitlements }) as R['spec'];
}

/**
 * Copies an account principal into a workspace, or labels the workspace's own principal of the
 * same id (a user made there before, under the same user name) as that copy.
 */
async function copyInto<R extends Principal>(
  collection: ScimCollection<R>,
  workspace: WorkspaceResource,
  account: R,
): Promise<void> {
  const scope = workspaceScope(workspace);
  const existing = collection.get(scope.workspaceId, account.spec.id);
  const metadata = existing?.metadata ?? identityMetadata(scope, account.spec.id);
  const labels = { ...metadata.labels, [Labels.accountPrincipal]: 'true' };
  const copy: R = {
    ...account,
    metadata: { ...metadata, labels },
    spec: copyOf(account, scope.workspaceId, existing),
  };
  const conflict = collection.conflict(copy, existing);
  if (conflict) throw resourceAlreadyExists(`${conflict} (in workspace ${scope.workspaceId})`);
  if (!existing) {
    await collection.store.create(copy);
    return;
  }
  await collection.store.update(undefined, metadata.name ?? '', (current) => ({
    ...current,
    metadata: { ...current.metadata, labels: { ...current.metadata.labels, ...labels } },
    spec: copy.spec,
  }));
}

async function setAdmin(directory: IdentityDirectory, workspaceId: number, id: string, admin: boolean) {
  const admins = directory.groupNamed(workspaceId, ADMINS_GROUP);
  if (!admins) return;
  await directory.groups.update(undefined, admins.metadata.name ?? '', (current) => {
    const others = (current.spec.members ?? []).filter((member) => member.value !== id);
    return { ...current, spec: { ...current.spec, members: admin ? [...others, { value: id }] : others } };
  });
}

/** Assigns an account principal to a workspace, or changes its permission there. */
export async function assign(
  directory: IdentityDirectory,
  workspace: WorkspaceResource,
  principal: PrincipalIdentity,
  permission: WorkspacePermission,
): Promise<void> {
  if (principal.kind === 'user') {
    await copyInto(userCollection(directory), workspace, principal.resource);
  } else {
    await copyInto(servicePrincipalCollection(directory), workspace, principal.resource);
  }
  await setAdmin(directory, workspace.spec.workspaceId, principal.resource.spec.id, permission === 'ADMIN');
}

/** Where a principal of this kind is stored; the account's and the workspaces' alike. */
function storeOf<R extends Principal>(directory: IdentityDirectory, resource: R): CustomResourceStore<R> {
  const store = 'userName' in resource.spec ? directory.users : directory.servicePrincipals;
  // R is the kind of `resource`, and this its store: TypeScript cannot narrow R from the check.
  return store as unknown as CustomResourceStore<R>;
}

/** Takes a copy out of its workspace, with its place in groups and its tokens. */
async function removeCopy(directory: IdentityDirectory, tokens: TokenStore, copy: Principal): Promise<void> {
  await storeOf(directory, copy).delete(undefined, copy.metadata.name ?? '');
  await forgetPrincipal(directory, tokens, copy);
}

/** Unassigns a principal from a workspace; refused when it is not assigned there. */
export async function unassign(
  directory: IdentityDirectory,
  tokens: TokenStore,
  workspaceId: number,
  id: string,
): Promise<void> {
  const copy = assignedPrincipals(directory, workspaceId).find(({ resource }) => resource.spec.id === id);
  if (!copy) throw resourceDoesNotExist(`Principal ${id} is not assigned to workspace ${workspaceId}`);
  await removeCopy(directory, tokens, copy.resource);
}

/** Every workspace copy of an account principal. */
function copiesOf<R extends Principal>(directory: IdentityDirectory, account: R): R[] {
  return storeOf(directory, account)
    .list()
    .filter(
      (resource) =>
        resource.spec.id === account.spec.id &&
        resource.spec.workspaceId !== ACCOUNT_IDENTITIES &&
        !resource.metadata.deletionTimestamp &&
        isAssigned(resource),
    );
}

/** A deleted account principal leaves every workspace it was assigned to. */
export async function unassignEverywhere(
  directory: IdentityDirectory,
  tokens: TokenStore,
  account: Principal,
): Promise<void> {
  for (const copy of copiesOf(directory, account)) await removeCopy(directory, tokens, copy);
}

/** A changed account principal (its display name, whether it is active) changes in every workspace. */
export async function refreshCopies<R extends Principal>(
  directory: IdentityDirectory,
  account: R,
): Promise<void> {
  const store = storeOf(directory, account);
  for (const copy of copiesOf(directory, account)) {
    await store.update(undefined, copy.metadata.name ?? '', (current) => ({
      ...current,
      spec: copyOf(account, current.spec.workspaceId, current),
    }));
  }
}
