import { randomUUID } from 'node:crypto';
import type { GroupResource, ServicePrincipalResource, UserResource } from '@brickyard/common/crd';
import { newNumericId } from '@brickyard/common/ids';
import { API_VERSION } from '@brickyard/common/vocabulary';
import { userIdOf } from '../auth/principal.js';
import { invalidParameter } from '../errors/databricks-error.js';
import type { CustomResourceStore } from '../store/custom-resource-store.js';
import {
  type IdentityDirectory,
  type IdentityResource,
  type IdentityScope,
  identityMetadata,
} from './identity-directory.js';
import {
  activeOf,
  defined,
  emailsOf,
  entitlementsOf,
  nameOf,
  optionalString,
  referencedIds,
  requiredString,
} from './scim-documents.js';
import { toScimGroup, toScimServicePrincipal, toScimUser } from './scim-representation.js';

type ScimObject = Record<string, unknown>;

/**
 * What the SCIM routes need to know of one collection (Users, ServicePrincipals, Groups): where
 * its resources are stored, how they read as SCIM, and how a SCIM document becomes a spec. The
 * routes (routes/scim) are written once over this.
 */
export interface ScimCollection<R extends IdentityResource> {
  path: 'Users' | 'ServicePrincipals' | 'Groups';
  /** How messages name one resource ("User 123 does not exist"). */
  noun: string;
  store: CustomResourceStore<R>;
  list: (workspaceId: number) => R[];
  get: (workspaceId: number, id: string) => R | undefined;
  toScim: (resource: R) => ScimObject;
  /** The attributes a client may change, as a SCIM document: what PATCH operations edit. */
  writable: (resource: R) => ScimObject;
  /** A new resource of the scope, or `existing` replaced, from a SCIM document. */
  fromDocument: (doc: ScimObject, scope: IdentityScope, existing?: R) => R;
  /**
   * Why this resource may not be stored beside the others (a taken name), if it may not; on
   * create (no `existing`) any holder of the name is a conflict, on replace any but itself.
   */
  conflict: (resource: R, existing: R | undefined) => string | undefined;
}

function resourceOf<R extends IdentityResource>(
  kind: R['kind'],
  scope: IdentityScope,
  id: string,
  spec: Omit<R['spec'], 'workspaceId' | 'id'>,
  existing: R | undefined,
): R {
  const metadata = existing?.metadata ?? identityMetadata(scope, id);
  return {
    apiVersion: API_VERSION,
    kind,
    metadata,
    spec: { ...spec, workspaceId: scope.workspaceId, id },
  } as R;
}

export function userCollection(directory: IdentityDirectory): ScimCollection<UserResource> {
  return {
    path: 'Users',
    noun: 'User',
    store: directory.users,
    list: (workspaceId) => directory.usersOf(workspaceId),
    get: (workspaceId, id) => directory.user(workspaceId, id),
    toScim: (user) => toScimUser(directory, user),
    writable: ({ spec }) => ({ ...spec }),
    fromDocument: (doc, scope, existing) => {
      const userName = requiredString(doc, 'userName');
      if (existing && existing.spec.userName.toLowerCase() !== userName.toLowerCase()) {
        throw invalidParameter('userName cannot be changed');
      }
      const id = existing?.spec.id ?? String(userIdOf(userName));
      const spec = defined({
        userName,
        displayName: optionalString(doc, 'displayName'),
        active: activeOf(doc),
        emails: emailsOf(doc),
        name: nameOf(doc),
        externalId: optionalString(doc, 'externalId'),
        entitlements: entitlementsOf(doc),
      });
      return resourceOf<UserResource>('User', scope, id, spec, existing);
    },
    conflict: ({ spec }, existing) => {
      const other = directory.userNamed(spec.workspaceId, spec.userName);
      return other && other.spec.id !== existing?.spec.id
        ? `User with username ${spec.userName} already exists.`
        : undefined;
    },
  };
}

export function servicePrincipalCollection(
  directory: IdentityDirectory,
): ScimCollection<ServicePrincipalResource> {
  return {
    path: 'ServicePrincipals',
    noun: 'Service principal',
    store: directory.servicePrincipals,
    list: (workspaceId) => directory.servicePrincipalsOf(workspaceId),
    get: (workspaceId, id) => directory.servicePrincipal(workspaceId, id),
    toScim: (sp) => toScimServicePrincipal(directory, sp),
    writable: ({ spec }) => ({ ...spec }),
    fromDocument: (doc, scope, existing) => {
      const applicationId =
        optionalString(doc, 'applicationId') ?? existing?.spec.applicationId ?? randomUUID();
      if (existing && existing.spec.applicationId !== applicationId) {
        throw invalidParameter('applicationId cannot be changed');
      }
      const id = existing?.spec.id ?? String(newNumericId());
      const spec = defined({
        applicationId,
        displayName: optionalString(doc, 'displayName'),
        active: activeOf(doc),
        externalId: optionalString(doc, 'externalId'),
        entitlements: entitlementsOf(doc),
      });
      return resourceOf<ServicePrincipalResource>('ServicePrincipal', scope, id, spec, existing);
    },
    conflict: ({ spec }, existing) => {
      const other = directory.servicePrincipalWithApplicationId(spec.workspaceId, spec.applicationId);
      return other && other.spec.id !== existing?.spec.id
        ? `Service principal with application ID ${spec.applicationId} already exists.`
        : undefined;
    },
  };
}

export function groupCollection(directory: IdentityDirectory): ScimCollection<GroupResource> {
  return {
    path: 'Groups',
    noun: 'Group',
    store: directory.groups,
    list: (workspaceId) => directory.groupsOf(workspaceId),
    get: (workspaceId, id) => directory.group(workspaceId, id),
    toScim: (group) => toScimGroup(directory, group),
    writable: ({ spec }) => ({ ...spec, members: spec.members ?? [] }),
    fromDocument: (doc, scope, existing) => {
      const id = existing?.spec.id ?? String(newNumericId());
      const { workspaceId } = scope;
      const members = [...new Set(referencedIds(doc, 'members') ?? [])];
      for (const member of members) {
        const known =
          directory.user(workspaceId, member) ??
          directory.servicePrincipal(workspaceId, member) ??
          directory.group(workspaceId, member);
        if (!known) throw invalidParameter(`Member ${member} is not a user, service principal or group`);
        if (member === id) throw invalidParameter('A group cannot be a member of itself');
      }
      const spec = defined({
        displayName: requiredString(doc, 'displayName'),
        externalId: optionalString(doc, 'externalId'),
        entitlements: entitlementsOf(doc),
        members: members.map((value) => ({ value })),
      });
      return resourceOf<GroupResource>('Group', scope, id, spec, existing);
    },
    conflict: ({ spec }, existing) => {
      const other = directory.groupNamed(spec.workspaceId, spec.displayName);
      return other && other.spec.id !== existing?.spec.id
        ? `Group with name ${spec.displayName} already exists.`
        : undefined;
    },
  };
}
