import type { WorkspaceResource } from '@brickyard/common/crd';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { type ScimPatchOperation, scimPatch } from 'scim-patch';
import { DatabricksError, invalidParameter, resourceDoesNotExist } from '../../errors/databricks-error.js';
import type { IdentityResource } from '../../identity/identity-directory.js';
import type { ScimCollection } from '../../identity/scim-collections.js';
import { scimListResponse } from '../../identity/scim-query.js';
import {
  NoContent,
  ScimIdParams,
  ScimListQuery,
  ScimListResponse,
  ScimObject,
  ScimPatchBody,
} from './scim-schemas.js';

export interface CollectionRouteOptions<R extends IdentityResource> {
  collection: ScimCollection<R>;
  /** Refuses a change to a resource that must keep its shape (the built-in groups); may throw. */
  guard?: (before: R | undefined, after: R | undefined) => void;
  /** What goes with a deleted resource: its tokens, its place in groups. */
  onDelete: (resource: R) => Promise<void>;
}

const resourceAlreadyExists = (message: string) =>
  new DatabricksError(409, 'RESOURCE_ALREADY_EXISTS', message);

function finder<R extends IdentityResource>(collection: ScimCollection<R>) {
  return (request: FastifyRequest, id: string): R => {
    const found = collection.get(request.workspace.workspaceId, id);
    if (!found) throw resourceDoesNotExist(`${collection.noun} ${id} does not exist`);
    return found;
  };
}

/** Stores a new resource, or `existing` replaced, once guard and uniqueness allow it. */
async function storeIdentity<R extends IdentityResource>(
  { collection, guard }: Pick<CollectionRouteOptions<R>, 'collection' | 'guard'>,
  resource: R,
  existing?: R,
): Promise<R> {
  guard?.(existing, resource);
  const conflict = collection.conflict(resource, existing);
  if (conflict) throw resourceAlreadyExists(conflict);
  if (!existing) return collection.store.create(resource);
  const name = existing.metadata.name ?? '';
  const replaced = await collection.store.update(undefined, name, (current) => ({
    ...current,
    spec: resource.spec,
  }));
  if (!replaced) throw resourceDoesNotExist(`${collection.noun} ${existing.spec.id} does not exist`);
  return replaced;
}

/** A resource's writable attributes with PATCH operations applied (RFC 7644 §3.5.2). */
function patchedDocument<R extends IdentityResource>(
  collection: ScimCollection<R>,
  existing: R,
  operations: ScimPatchOperation[],
): Record<string, unknown> {
  const document = {
    schemas: [],
    meta: { created: new Date(0), lastModified: new Date(0) },
    ...collection.writable(existing),
  };
  // RFC 7644 §3.5.2: add and replace carry a value. (The Python SDK drops a value of false.)
  const valueless = operations.find(
    (operation) => !/^remove$/i.test(operation.op) && operation.value === undefined,
  );
  if (valueless)
    throw invalidParameter(
      `The ${valueless.op} operation of ${valueless.path ?? 'the resource'} needs a value`,
    );
  try {
    return scimPatch(document, operations, { mutateDocument: false, treatMissingAsAdd: true });
  } catch (error) {
    throw invalidParameter(`Invalid PATCH operations: ${(error as Error).message}`);
  }
}

const tags = ['scim'];
const admin = { access: 'workspace-admin' as const };
const workspaceOf = (request: FastifyRequest): WorkspaceResource => request.workspace.resource;

/**
 * One SCIM collection (/Users, /ServicePrincipals or /Groups): list with filter and startIndex
 * paging, get, create, replace (PUT), patch and delete. Everyone in the workspace reads; only
 * workspace admins write, as in Databricks.
 */
export function scimCollectionRoutes<R extends IdentityResource>(
  options: CollectionRouteOptions<R>,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(readRoutes(options.collection));
    await app.register(writeRoutes(options));
  };
}

function readRoutes<R extends IdentityResource>(collection: ScimCollection<R>): FastifyPluginAsyncTypebox {
  const find = finder(collection);
  return async (app) => {
    app.get(
      '/',
      {
        schema: {
          tags,
          summary: `List ${collection.path}`,
          querystring: ScimListQuery,
          response: { 200: ScimListResponse },
        },
      },
      async (request) =>
        scimListResponse(
          collection.list(request.workspace.workspaceId).map(collection.toScim),
          request.query,
        ),
    );

    app.get(
      '/:id',
      {
        schema: {
          tags,
          summary: `One of ${collection.path}`,
          params: ScimIdParams,
          response: { 200: ScimObject },
        },
      },
      async (request) => collection.toScim(find(request, request.params.id)),
    );
  };
}

function writeRoutes<R extends IdentityResource>(
  options: CollectionRouteOptions<R>,
): FastifyPluginAsyncTypebox {
  const { collection, guard, onDelete } = options;
  const find = finder(collection);
  const store = (resource: R, existing?: R) => storeIdentity(options, resource, existing);
  return async (app) => {
    app.post(
      '/',
      {
        config: admin,
        schema: {
          tags,
          summary: `Create one of ${collection.path}`,
          body: ScimObject,
          response: { 201: ScimObject },
        },
      },
      async (request, reply) => {
        const created = await store(collection.fromDocument(request.body, workspaceOf(request)));
        reply.code(201);
        return collection.toScim(created);
      },
    );

    app.put(
      '/:id',
      {
        config: admin,
        schema: {
          tags,
          summary: `Replace one of ${collection.path}`,
          params: ScimIdParams,
          body: ScimObject,
          response: { 200: ScimObject },
        },
      },
      async (request) => {
        const existing = find(request, request.params.id);
        const replaced = await store(
          collection.fromDocument(request.body, workspaceOf(request), existing),
          existing,
        );
        return collection.toScim(replaced);
      },
    );

    app.patch(
      '/:id',
      {
        config: admin,
        schema: {
          tags,
          summary: `Patch one of ${collection.path}`,
          params: ScimIdParams,
          body: ScimPatchBody,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        const existing = find(request, request.params.id);
        const patched = patchedDocument(
          collection,
          existing,
          request.body.Operations as ScimPatchOperation[],
        );
        await store(collection.fromDocument(patched, workspaceOf(request), existing), existing);
        reply.code(204);
      },
    );

    app.delete(
      '/:id',
      {
        config: admin,
        schema: {
          tags,
          summary: `Delete one of ${collection.path}`,
          params: ScimIdParams,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        const existing = find(request, request.params.id);
        guard?.(existing, undefined);
        await collection.store.delete(undefined, existing.metadata.name ?? '');
        await onDelete(existing);
        reply.code(204);
      },
    );
  };
}
