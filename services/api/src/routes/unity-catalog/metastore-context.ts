import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { ApiServices } from '../../services.js';
import { type Metastore, metastoreOf } from './metastore.js';
import { MetastoreAccess } from './metastore-access.js';
import { MetastoreObjects } from './metastore-objects.js';

/** What a Unity Catalog request works with: the caller's metastore, its objects, the caller. */
export interface MetastoreContext {
  services: ApiServices;
  metastore: Metastore;
  objects: MetastoreObjects;
  /** Owner and creator of what the request creates; updater of what it changes. */
  user: string;
  /** What the caller may see and do in the metastore. */
  access: MetastoreAccess;
  log: FastifyBaseLogger;
}

export function metastoreContext(services: ApiServices, request: FastifyRequest): MetastoreContext {
  const metastore = metastoreOf(services.config.s3.bucket, request.workspace);
  return {
    services,
    metastore,
    objects: new MetastoreObjects(services.unityCatalog, metastore.namespace),
    user: request.principal.userName,
    access: new MetastoreAccess(request.principal),
    log: request.log,
  };
}
