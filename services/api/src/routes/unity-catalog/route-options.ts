import type { ApiServices } from '../../services.js';
import type { WriteQueue } from './write-queue.js';

/** What every Unity Catalog route plugin is given: the services and the workspaces' write queue. */
export interface UnityCatalogRouteOptions {
  services: ApiServices;
  writes: WriteQueue;
}

/** The OpenAPI fields of a Unity Catalog route. */
export function ucSchema<T extends object>(summary: string, parts: T) {
  return { tags: ['unity-catalog'], summary, ...parts };
}
