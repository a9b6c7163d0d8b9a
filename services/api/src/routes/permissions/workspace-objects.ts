import { objectIdOf } from '@brickyard/common/storage';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ADMINS_GROUP } from '../../auth/principal.js';
import { resourceDoesNotExist } from '../../errors/databricks-error.js';
import type { Grant } from '../../permissions/effective-level.js';
import type { GovernedObject } from '../../permissions/governed-objects.js';
import { ADMIN_LEVEL, levelWords, type WorkspaceObjectRequestType } from '../../permissions/object-types.js';
import {
  governedWorkspaceObject,
  pathChain,
  scopeOf,
  WorkspaceAccess,
  type WorkspaceScope,
} from '../../permissions/workspace-access.js';
import type { ApiServices, RouteOptions } from '../../services.js';
import { pathOfObjectId, workspaceObjectAt } from '../workspace/object-lookup.js';
import {
  accessControlList,
  type InheritedGrant,
  mergeGrants,
  validateGrants,
} from './access-control-list.js';
import {
  AccessControlBody,
  ObjectIdParams,
  ObjectPermissionsResponse,
  PermissionLevelsResponse,
} from './permission-schemas.js';

interface Context {
  services: ApiServices;
  access: WorkspaceAccess;
}

const NOUNS: Record<WorkspaceObjectRequestType, string> = {
  notebooks: 'Notebook',
  directories: 'Directory',
  files: 'File',
};

/** Where an object without grants of its own most likely is: the folders every workspace has. */
function likelyPaths(services: ApiServices, request: FastifyRequest): string[] {
  const { workspaceId } = request.workspace;
  const homes = [
    ...services.identities.usersOf(workspaceId).map((user) => user.spec.userName),
    ...services.identities.servicePrincipalsOf(workspaceId).map((sp) => sp.spec.applicationId),
  ].map((name) => `/Users/${name}`);
  return ['/', '/Users', '/Shared', ...homes];
}

/**
 * The notebook, folder or file with this object_id (as get-status answers it), once the caller is
 * known to manage it. Another type's object, or none, does not exist.
 */
async function managedWorkspaceObject(
  { services, access }: Context,
  request: FastifyRequest,
  type: WorkspaceObjectRequestType,
  id: string,
): Promise<GovernedObject & { path: string }> {
  const missing = () => resourceDoesNotExist(`${NOUNS[type]} ${id} does not exist`);
  if (!/^[0-9]{1,16}$/.test(id)) throw missing();
  const scope = scopeOf(request);
  const path =
    access.pathWithGrants(scope, id) ??
    (await pathOfObjectId(services.storage, scope.workspaceId, Number(id), likelyPaths(services, request)));
  const found = path === undefined ? undefined : await workspaceObjectAt(services.storage, request, path);
  if (path === undefined || found?.type !== type) throw missing();
  access.require(request.principal, scope, path, 'CAN_MANAGE');
  return { ...governedWorkspaceObject(scope, type, path), path };
}

/** Grants set on the folders above the object, and admins' CAN_MANAGE from the root folder. */
function inheritedGrants(access: WorkspaceAccess, scope: WorkspaceScope, path: string): InheritedGrant[] {
  const folderId = (folder: string) => `/directories/${objectIdOf(scope.workspaceId, folder)}`;
  const fromFolders = pathChain(path)
    .slice(0, -1)
    .flatMap((folder) =>
      access.directGrants(scope, folder).map((grant) => ({ grant, from: folderId(folder) })),
    );
  const admins = { grant: { group_name: ADMINS_GROUP, permission_level: ADMIN_LEVEL }, from: folderId('/') };
  return [...fromFolders, admins];
}

function permissionsOf(
  { services, access }: Context,
  request: FastifyRequest,
  object: GovernedObject & { path: string },
) {
  const scope = scopeOf(request);
  return {
    object_id: `${object.rules.objectIdPrefix}${object.id}`,
    object_type: object.rules.objectType,
    access_control_list: accessControlList(
      object,
      access.directGrants(scope, object.path),
      undefined,
      services.identities,
      scope.workspaceId,
      inheritedGrants(access, scope, object.path),
    ),
  };
}

/**
 * The Permissions API for notebooks, folders (directories) and workspace files, by the object_id
 * get-status answers. A folder's grants pass down to everything inside it and show there as
 * inherited; the grants a workspace starts with (/Shared, home folders) show as set on their folder.
 */
export const workspaceObjectPermissionRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (
  app,
  { services },
) => {
  const tags = ['permissions'];
  const context: Context = {
    services,
    access: new WorkspaceAccess(services.permissions, services.identities),
  };
  const write = async (
    request: FastifyRequest,
    object: GovernedObject & { path: string },
    grants: Grant[],
  ) => {
    validateGrants(grants, object.rules, services.identities, request.workspace.workspaceId);
    await services.permissions.replace(object, grants);
    return permissionsOf(context, request, object);
  };
  const types: WorkspaceObjectRequestType[] = ['notebooks', 'directories', 'files'];
  for (const type of types) {
    const path = `/${type}/:id`;
    const managed = (request: FastifyRequest<{ Params: { id: string } }>) =>
      managedWorkspaceObject(context, request, type, request.params.id);
    app.get(
      path,
      {
        schema: {
          tags,
          summary: `Permissions of one of ${type}`,
          params: ObjectIdParams,
          response: { 200: ObjectPermissionsResponse },
        },
      },
      async (request) => permissionsOf(context, request, await managed(request)),
    );
    app.put(
      path,
      {
        schema: {
          tags,
          summary: `Replace the direct permissions of one of ${type}`,
          params: ObjectIdParams,
          body: AccessControlBody,
          response: { 200: ObjectPermissionsResponse },
        },
      },
      async (request) => write(request, await managed(request), request.body.access_control_list),
    );
    app.patch(
      path,
      {
        schema: {
          tags,
          summary: `Add or change direct permissions of one of ${type}`,
          params: ObjectIdParams,
          body: AccessControlBody,
          response: { 200: ObjectPermissionsResponse },
        },
      },
      async (request) => {
        const object = await managed(request);
        const current = services.permissions.grantsOf(object);
        return write(request, object, mergeGrants(current, request.body.access_control_list));
      },
    );
    app.get(
      `${path}/permissionLevels`,
      {
        schema: {
          tags,
          summary: `Permission levels of ${type}`,
          params: ObjectIdParams,
          response: { 200: PermissionLevelsResponse },
        },
      },
      async (request) => {
        const object = await managed(request);
        return {
          permission_levels: object.rules.levels.map((level) => ({
            permission_level: level,
            description: `${levelWords(level)} on this ${object.rules.noun}`,
          })),
        };
      },
    );
  }
};
