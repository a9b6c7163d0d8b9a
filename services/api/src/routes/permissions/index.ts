import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { resourceDoesNotExist } from '../../errors/databricks-error.js';
import type { Grant } from '../../permissions/effective-level.js';
import {
  type GovernedObject,
  governedCluster,
  governedJob,
  governedPolicy,
  governedPool,
  governedWarehouse,
} from '../../permissions/governed-objects.js';
import {
  levelWords,
  type PermissionRequestType,
  type WorkspaceObjectRequestType,
} from '../../permissions/object-types.js';
import type { ApiServices, RouteOptions } from '../../services.js';
import { findPolicy } from '../cluster-policies/policy-lookup.js';
import { findPool } from '../instance-pools/pool-lookup.js';
import { jobResourceName } from '../jobs/job-id.js';
import { accessControlList, mergeGrants, validateGrants } from './access-control-list.js';
import {
  AccessControlBody,
  ObjectIdParams,
  ObjectPermissionsResponse,
  PermissionLevelsResponse,
} from './permission-schemas.js';
import { workspaceObjectPermissionRoutes } from './workspace-objects.js';

type Finder = (services: ApiServices, namespace: string, id: string) => GovernedObject;

/** The types whose objects are Kubernetes resources (workspace objects: workspace-objects.ts). */
type ResourceRequestType = Exclude<PermissionRequestType, WorkspaceObjectRequestType>;

/** How each type of object is found in the caller's workspace; another workspace's is missing. */
const FINDERS: Record<ResourceRequestType, Finder> = {
  clusters: (services, namespace, id) => {
    const cluster = services.clusters.get(namespace, id);
    if (!cluster || cluster.metadata.deletionTimestamp)
      throw resourceDoesNotExist(`Cluster ${id} does not exist`);
    return governedCluster(cluster);
  },
  jobs: (services, namespace, id) => {
    const job = /^[0-9]{1,16}$/.test(id)
      ? services.jobs.get(namespace, jobResourceName(Number(id)))
      : undefined;
    if (!job || job.metadata.deletionTimestamp) throw resourceDoesNotExist(`Job ${id} does not exist`);
    return governedJob(job);
  },
  'cluster-policies': (services, namespace, id) => governedPolicy(findPolicy(services, namespace, id)),
  'instance-pools': (services, namespace, id) => governedPool(findPool(services, namespace, id)),
  warehouses: (services, namespace, id) => {
    const warehouse = services.warehouses.get(namespace, id);
    if (!warehouse || warehouse.metadata.deletionTimestamp || warehouse.spec.desiredState === 'DELETED') {
      throw resourceDoesNotExist(`Warehouse ${id} does not exist`);
    }
    return governedWarehouse(warehouse);
  },
};

/** The object, once the caller is known to manage it: reading or changing permissions takes CAN_MANAGE. */
function managedObject(
  services: ApiServices,
  request: FastifyRequest,
  type: ResourceRequestType,
  id: string,
) {
  const object = FINDERS[type](services, request.workspace.namespace, id);
  services.permissions.require(request.principal, object, 'CAN_MANAGE');
  return object;
}

function permissionsOf(services: ApiServices, request: FastifyRequest, object: GovernedObject) {
  const { permissions, identities } = services;
  return {
    object_id: `${object.rules.objectIdPrefix}${object.id}`,
    object_type: object.rules.objectType,
    access_control_list: accessControlList(
      object,
      permissions.grantsOf(object),
      permissions.ownerOf(object),
      identities,
      request.workspace.workspaceId,
    ),
  };
}

async function writeGrants(
  services: ApiServices,
  request: FastifyRequest,
  object: GovernedObject,
  grants: Grant[],
) {
  validateGrants(grants, object.rules, services.identities, request.workspace.workspaceId);
  await services.permissions.replace(object, grants);
  return permissionsOf(services, request, object);
}

/**
 * The Permissions API (/api/2.0/permissions/{type}/{id}) for clusters, jobs, SQL warehouses,
 * cluster policies and instance pools:
 * read, replace (PUT) and update (PATCH) direct grants, and the levels each type has, as
 * Databricks answers them; notebooks, directories and files in workspace-objects.ts. Types not
 * built yet (repos, pipelines, ...) answer 501 like every unbuilt API.
 */
export const permissionRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const tags = ['permissions'];
  const managed = (request: FastifyRequest, type: ResourceRequestType, id: string) =>
    managedObject(services, request, type, id);
  const answer = (request: FastifyRequest, object: GovernedObject) =>
    permissionsOf(services, request, object);
  const write = (request: FastifyRequest, object: GovernedObject, grants: Grant[]) =>
    writeGrants(services, request, object, grants);
  const { permissions } = services;
  await app.register(workspaceObjectPermissionRoutes, { services });

  // Warehouses answer at /warehouses (the SDKs) and at /sql/warehouses (Databricks' older docs).
  const paths: [string, ResourceRequestType][] = [
    ['clusters', 'clusters'],
    ['jobs', 'jobs'],
    ['warehouses', 'warehouses'],
    ['sql/warehouses', 'warehouses'],
    ['cluster-policies', 'cluster-policies'],
    ['instance-pools', 'instance-pools'],
  ];
  for (const [prefix, type] of paths) {
    const path = `/${prefix}/:id`;
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
      async (request) => answer(request, managed(request, type, request.params.id)),
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
      async (request) =>
        write(request, managed(request, type, request.params.id), request.body.access_control_list),
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
        const object = managed(request, type, request.params.id);
        return write(
          request,
          object,
          mergeGrants(permissions.grantsOf(object), request.body.access_control_list),
        );
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
        const object = managed(request, type, request.params.id);
        return {
          permission_levels: object.rules.grantableLevels.map((level) => ({
            permission_level: level,
            description: `${levelWords(level)} on this ${object.rules.noun}`,
          })),
        };
      },
    );
  }
};
