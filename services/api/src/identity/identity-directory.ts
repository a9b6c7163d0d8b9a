import {
  GroupKind,
  type GroupResource,
  ServicePrincipalKind,
  type ServicePrincipalResource,
  UserKind,
  type UserResource,
  type WorkspaceResource,
} from '@brickyard/common/crd';
import { ACCOUNT_IDENTITIES } from '@brickyard/common/schema';
import { API_VERSION, Labels, MANAGED_BY } from '@brickyard/common/vocabulary';
import type { KubeConfig, V1ObjectMeta } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { ADMINS_GROUP, USERS_GROUP } from '../auth/principal.js';
import { CustomResourceStore } from '../store/custom-resource-store.js';

export type IdentityResource = UserResource | ServicePrincipalResource | GroupResource;

/** Where identities live: a workspace, which owns them, or the account (no owner). */
export interface IdentityScope {
  workspaceId: number;
  owner: WorkspaceResource | undefined;
}

export const ACCOUNT_SCOPE: IdentityScope = { workspaceId: ACCOUNT_IDENTITIES, owner: undefined };

export function workspaceScope(workspace: WorkspaceResource): IdentityScope {
  return { workspaceId: workspace.spec.workspaceId, owner: workspace };
}

/** Resource name of an identity: ids are unique per workspace, so the workspace id prefixes them. */
function identityResourceName(workspaceId: number, id: string): string {
  return workspaceId === ACCOUNT_IDENTITIES ? `account-${id}` : `ws${workspaceId}-${id}`;
}

/**
 * Metadata of a new identity: a workspace's is labelled with its workspace and owned by the
 * Workspace resource, so Kubernetes' garbage collector removes a workspace's identities with it.
 */
export function identityMetadata({ workspaceId, owner }: IdentityScope, id: string): V1ObjectMeta {
  const name = identityResourceName(workspaceId, id);
  if (!owner) return { name, labels: { [Labels.managedBy]: MANAGED_BY } };
  return {
    name,
    labels: { [Labels.managedBy]: MANAGED_BY, [Labels.workspaceId]: String(workspaceId) },
    ownerReferences: [
      {
        apiVersion: API_VERSION,
        kind: 'Workspace',
        name: owner.metadata.name ?? '',
        uid: owner.metadata.uid ?? '',
        blockOwnerDeletion: false,
      },
    ],
  };
}

function inWorkspace<R extends IdentityResource>(workspaceId: number) {
  return (resource: R) => resource.spec.workspaceId === workspaceId && !resource.metadata.deletionTimestamp;
}

/** Who a principal is to permissions: a user by user name, a service principal by application id. */
export type PrincipalIdentity =
  | { kind: 'user'; resource: UserResource }
  | { kind: 'service-principal'; resource: ServicePrincipalResource };

/**
 * The users, service principals and groups of every workspace, read from informer caches. Group
 * membership is resolved through nested groups here, in one place, for admin rights and grants.
 */
export class IdentityDirectory {
  readonly users: CustomResourceStore<UserResource>;
  readonly servicePrincipals: CustomResourceStore<ServicePrincipalResource>;
  readonly groups: CustomResourceStore<GroupResource>;

  constructor(kubeConfig: KubeConfig, log: Logger) {
    this.users = new CustomResourceStore<UserResource>(UserKind, kubeConfig, log);
    this.servicePrincipals = new CustomResourceStore<ServicePrincipalResource>(
      ServicePrincipalKind,
      kubeConfig,
      log,
    );
    this.groups = new CustomResourceStore<GroupResource>(GroupKind, kubeConfig, log);
  }

  get stores() {
    return [this.users, this.servicePrincipals, this.groups];
  }

  usersOf(workspaceId: number): UserResource[] {
    return this.users.list().filter(inWorkspace(workspaceId));
  }

  servicePrincipalsOf(workspaceId: number): ServicePrincipalResource[] {
    return this.servicePrincipals.list().filter(inWorkspace(workspaceId));
  }

  groupsOf(workspaceId: number): GroupResource[] {
    return this.groups.list().filter(inWorkspace(workspaceId));
  }

  user(workspaceId: number, id: string): UserResource | undefined {
    return live(this.users.get(undefined, identityResourceName(workspaceId, id)));
  }

  servicePrincipal(workspaceId: number, id: string): ServicePrincipalResource | undefined {
    return live(this.servicePrincipals.get(undefined, identityResourceName(workspaceId, id)));
  }

  group(workspaceId: number, id: string): GroupResource | undefined {
    return live(this.groups.get(undefined, identityResourceName(workspaceId, id)));
  }

  userNamed(workspaceId: number, userName: string): UserResource | undefined {
    const wanted = userName.toLowerCase();
    return this.usersOf(workspaceId).find((user) => user.spec.userName.toLowerCase() === wanted);
  }

  servicePrincipalWithApplicationId(
    workspaceId: number,
    applicationId: string,
  ): ServicePrincipalResource | undefined {
    return this.servicePrincipalsOf(workspaceId).find((sp) => sp.spec.applicationId === applicationId);
  }

  groupNamed(workspaceId: number, displayName: string): GroupResource | undefined {
    return this.groupsOf(workspaceId).find((group) => group.spec.displayName === displayName);
  }

  /** The user or service principal a token's user name stands for in a workspace. */
  principalNamed(workspaceId: number, name: string): PrincipalIdentity | undefined {
    const user = this.userNamed(workspaceId, name);
    if (user) return { kind: 'user', resource: user };
    const servicePrincipal = this.servicePrincipalWithApplicationId(workspaceId, name);
    return servicePrincipal && { kind: 'service-principal', resource: servicePrincipal };
  }

  /** Groups that list this member directly (the SCIM `groups` attribute of a user or group). */
  directGroupsOf(workspaceId: number, memberId: string): GroupResource[] {
    return this.groupsOf(workspaceId).filter((group) =>
      (group.spec.members ?? []).some((member) => member.value === memberId),
    );
  }

  /**
   * Display names of every group the member belongs to, directly or through groups within groups,
   * and `users`, which holds every user and service principal of the workspace.
   */
  memberships(workspaceId: number, memberId: string): string[] {
    return [
      ...new Set([USERS_GROUP, ...this.groupsHolding(workspaceId, memberId).map((g) => g.spec.displayName)]),
    ];
  }

  /** What a member may do through its own entitlements and those of every group it is in. */
  entitlementsOf(workspaceId: number, memberId: string, own: readonly { value: string }[] = []): string[] {
    const everyone = this.groupNamed(workspaceId, USERS_GROUP);
    const groups = [...this.groupsHolding(workspaceId, memberId), ...(everyone ? [everyone] : [])];
    const granted = groups.flatMap((group) => group.spec.entitlements ?? []);
    return [...new Set([...own, ...granted].map((entitlement) => entitlement.value))];
  }

  /** The groups holding a member, directly or through groups within groups (`users` aside). */
  private groupsHolding(workspaceId: number, memberId: string): GroupResource[] {
    const found = new Map<string, GroupResource>();
    const pending = [memberId];
    const groups = this.groupsOf(workspaceId);
    while (pending.length > 0) {
      const id = pending.pop() as string;
      for (const group of groups) {
        if (found.has(group.spec.id) || !(group.spec.members ?? []).some((m) => m.value === id)) continue;
        found.set(group.spec.id, group);
        pending.push(group.spec.id);
      }
    }
    return [...found.values()];
  }

  isAdmin(workspaceId: number, memberId: string): boolean {
    return this.memberships(workspaceId, memberId).includes(ADMINS_GROUP);
  }
}

function live<R extends IdentityResource>(resource: R | undefined): R | undefined {
  return resource && !resource.metadata.deletionTimestamp ? resource : undefined;
}
