import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { type ScimPatchOperation, scimPatch } from 'scim-patch';
import type { Access } from '../../auth/caller.js';
import {
  invalidParameter,
  resourceAlreadyExists,
  resourceDoesNotExist,
} from '../../errors/databricks-error.js';
import type { IdentityResource, IdentityScope } from '../../identity/identity-directory.js';
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
  /** Where the identities a request reaches live: its workspace, or the account. */
  scopeOf: (request: FastifyRequest) => IdentityScope;
  /** Who may read the collection, and who may change it. */
  access: { read: Access; write: Access };
  /** Refuses a change to a resource that must keep its shape (the built-in groups); may throw. */
  guard?: (before: R | undefined, after: R | undefined) => void;
  /** What goes with a deleted resource: its tokens, its place in groups. */
  onDelete: (resource: R) => Promise<void>;
  /** What follows a created or changed resource (an account principal's workspace copies). */
  onStored?: (resource: R) => Promise<void>;
}

function finder<R extends IdentityResource>({ collection, scopeOf }: CollectionRouteOptions<R>) {
  return (request: FastifyRequest, id: string): R => {
    const found = collection.get(scopeOf(request).workspaceId, id);
    if (!found) throw resourceDoesNotExist(`${collection.noun} ${id} does not exist`);
    return found;
  };
}

/** Stores a new resource, or `existing` replaced, once guard and uniqueness allow it. */
async function storeIdentity<R extends IdentityResource>(
  { collection, guard, onStored }: CollectionRouteOptions<R>,
  resource: R,
  existing?: R,
): Promise<R> {
  guard?.(existing, resource);
  const conflict = collection.conflict(resource, existing);
  if (conflict) throw resourceAlreadyExists(conflict);
  const stored = existing
    ? await collection.store.update(undefined, existing.metadata.name ?? '', (current) => ({
        ...current,
        spec: resource.spec,
      }))
    : await collection.store.create(resource);
  if (!stored) throw resourceDoesNotExist(`${collection.noun} ${resource.spec.id} does not exist`);
  await onStored?.(stored);
  return stored;
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

/**
 * One SCIM collection (/Users, /ServicePrincipals or /Groups): list with filter and startIndex
 * paging, get, create, replace (PUT), patch and delete, with the access the options give (in a
 * workspace everyone reads and only admins write, as in Databricks).
 */
export function scimCollectionRoutes<R extends IdentityResource>(
  options: CollectionRouteOptions<R>,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(readRoutes(options));
    await app.register(writeRoutes(options));
  };
}

function readRoutes<R extends IdentityResource>(
  options: CollectionRouteOptions<R>,
): FastifyPluginAsyncTypebox {
  const { collection, scopeOf } = options;
  const find = finder(options);
  const config = { access: options.access.read };
  return async (app) => {
    app.get(
      '/',
      {
        config,
        schema: {
          tags,
          summary: `List ${collection.path}`,
          querystring: ScimListQuery,
          response: { 200: ScimListResponse },
        },
      },
      async (request) =>
        scimListResponse(collection.list(scopeOf(request).workspaceId).map(collection.toScim), request.query),
    );

    app.get(
      '/:id',
      {
        config,
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
  const { collection, guard, onDelete, scopeOf } = options;
  const find = finder(options);
  const admin = { access: options.access.write };
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
        const created = await store(collection.fromDocument(request.body, scopeOf(request)));
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
          collection.fromDocument(request.body, scopeOf(request), existing),
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
        await store(collection.fromDocument(patched, scopeOf(request), existing), existing);
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
