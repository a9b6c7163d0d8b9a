import { ancestorsOf, isSameOrInside, objectIdOf } from '@brickyard/common/storage';
import { ObjectPermissionsAnnotations } from '@brickyard/common/vocabulary';
import type { FastifyRequest } from 'fastify';
import { type Principal, USERS_GROUP } from '../auth/principal.js';
import { permissionDenied } from '../errors/databricks-error.js';
import type { IdentityDirectory } from '../identity/identity-directory.js';
import { effectiveLevel, type Grant } from './effective-level.js';
import type { GovernedObject } from './governed-objects.js';
import type { ObjectPermissions } from './object-permissions.js';
import { isAtLeast, levelWords, rulesOf, type WorkspaceObjectRequestType } from './object-types.js';

/** The workspace a request acts in: its id (object ids, identities) and namespace (grants). */
export interface WorkspaceScope {
  workspaceId: number;
  namespace: string;
}

export function scopeOf(request: FastifyRequest): WorkspaceScope {
  return { workspaceId: request.workspace.workspaceId, namespace: request.workspace.namespace };
}

const WORKSPACE_TYPES: readonly WorkspaceObjectRequestType[] = ['notebooks', 'directories', 'files'];
const FOLDER_RULES = rulesOf('directories');

/** A notebook, folder or file at a path, as the Permissions API governs it. */
export function governedWorkspaceObject(
  scope: WorkspaceScope,
  type: WorkspaceObjectRequestType,
  path: string,
): GovernedObject {
  return {
    rules: rulesOf(type),
    id: String(objectIdOf(scope.workspaceId, path)),
    namespace: scope.namespace,
    creator: undefined,
    path,
  };
}

/** '/', then every folder down to `path`, then `path` itself. */
export function pathChain(path: string): string[] {
  return path === '/' ? ['/'] : ['/', ...ancestorsOf(path), path];
}

function homeOf(principal: Principal): string {
  return `/Users/${principal.userName}`;
}

/**
 * Access to notebooks, folders and files: the grants set on an object and on every folder above
 * it (a folder's grants pass down to everything inside), the grants every workspace starts with
 * (all users manage /Shared, each user or service principal manages its home folder /Users/<name>),
 * and workspace admins' CAN_MANAGE on everything. Only admins manage the root and /Users.
 */
export class WorkspaceAccess {
  constructor(
    private readonly permissions: ObjectPermissions,
    private readonly identities: IdentityDirectory,
  ) {}

  /** Grants every workspace has without anyone setting them; shown as set on the folder. */
  defaultGrants(scope: WorkspaceScope, path: string): Grant[] {
    if (path === '/Shared') return [{ group_name: USERS_GROUP, permission_level: 'CAN_MANAGE' }];
    const home = /^\/Users\/([^/]+)$/.exec(path)?.[1];
    if (home === undefined) return [];
    if (this.identities.servicePrincipalWithApplicationId(scope.workspaceId, home)) {
      return [{ service_principal_name: home, permission_level: 'CAN_MANAGE' }];
    }
    const user = this.identities.userNamed(scope.workspaceId, home);
    return user ? [{ user_name: user.spec.userName, permission_level: 'CAN_MANAGE' }] : [];
  }

  /** Grants set directly on the object at `path` (whatever its type), stored ones after defaults. */
  directGrants(scope: WorkspaceScope, path: string): Grant[] {
    const stored = WORKSPACE_TYPES.flatMap((type) =>
      this.permissions.grantsOf(governedWorkspaceObject(scope, type, path)),
    );
    return [...this.defaultGrants(scope, path), ...stored];
  }

  levelOn(principal: Principal, scope: WorkspaceScope, path: string): string | undefined {
    const grants = pathChain(path).flatMap((onPath) => this.directGrants(scope, onPath));
    return effectiveLevel(FOLDER_RULES, principal, grants, undefined);
  }

  can(principal: Principal, scope: WorkspaceScope, path: string, needed: string): boolean {
    return isAtLeast(FOLDER_RULES, this.levelOn(principal, scope, path), needed);
  }

  /** Throws PERMISSION_DENIED unless the principal holds `needed` on `path`. */
  require(principal: Principal, scope: WorkspaceScope, path: string, needed: string): void {
    if (this.can(principal, scope, path, needed)) return;
    throw permissionDenied(
      `${principal.userName} does not have ${levelWords(needed)} permissions on ${path}`,
    );
  }

  /**
   * Whether the principal may see that `path` exists: it can read it, or something inside it
   * (Databricks shows the names of the folders above an object someone may read).
   */
  canSee(principal: Principal, scope: WorkspaceScope, path: string): boolean {
    if (this.can(principal, scope, path, 'CAN_READ')) return true;
    const inside = (other: string) => other !== path && isSameOrInside(other, path);
    const defaultsInside = ['/Shared', homeOf(principal)].filter(inside);
    if (defaultsInside.some((folder) => this.can(principal, scope, folder, 'CAN_READ'))) return true;
    return this.permissions.store.list(scope.namespace).some((resource) => {
      const granted = resource.metadata.annotations?.[ObjectPermissionsAnnotations.workspacePath];
      return granted !== undefined && inside(granted) && this.can(principal, scope, granted, 'CAN_READ');
    });
  }

  /** Throws PERMISSION_DENIED unless the principal may see that `path` exists. */
  requireVisible(principal: Principal, scope: WorkspaceScope, path: string): void {
    if (this.canSee(principal, scope, path)) return;
    throw permissionDenied(`${principal.userName} does not have Can Read permissions on ${path}`);
  }

  /**
   * The creator of an object manages it (Databricks: users hold CAN_MANAGE on what they create),
   * written as a grant unless the object is in the creator's home folder, which gives that already.
   */
  async grantCreator(
    principal: Principal,
    scope: WorkspaceScope,
    type: WorkspaceObjectRequestType,
    path: string,
  ): Promise<void> {
    if (isSameOrInside(path, homeOf(principal))) return;
    const creator: Grant =
      principal.kind === 'user'
        ? { user_name: principal.userName, permission_level: 'CAN_MANAGE' }
        : { service_principal_name: principal.userName, permission_level: 'CAN_MANAGE' };
    await this.permissions.replace(governedWorkspaceObject(scope, type, path), [creator]);
  }

  /** Drops the grants of a deleted object and of everything that was inside it. */
  async forget(scope: WorkspaceScope, path: string): Promise<void> {
    const below = this.permissions.store.list(scope.namespace).filter((resource) => {
      const granted = resource.metadata.annotations?.[ObjectPermissionsAnnotations.workspacePath];
      return granted !== undefined && isSameOrInside(granted, path);
    });
    await Promise.all(
      below.map((resource) => this.permissions.store.delete(scope.namespace, resource.metadata.name ?? '')),
    );
  }

  /** The path of an object that has grants, by the id of its grants resource's object. */
  pathWithGrants(scope: WorkspaceScope, objectId: string): string | undefined {
    const resource = this.permissions.store
      .list(scope.namespace)
      .find(
        (candidate) =>
          candidate.spec.objectId === objectId &&
          candidate.metadata.annotations?.[ObjectPermissionsAnnotations.workspacePath] !== undefined,
      );
    return resource?.metadata.annotations?.[ObjectPermissionsAnnotations.workspacePath];
  }
}
