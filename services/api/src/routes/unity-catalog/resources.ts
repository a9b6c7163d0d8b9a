import { type CustomResource, type ResourceKind, toCamelCase } from '@brickyard/common/crd';
import type { UnityCatalogStatus } from '@brickyard/common/schema';
import { API_VERSION, Labels, MANAGED_BY } from '@brickyard/common/vocabulary';
import type { Static, TSchema } from 'typebox';
import type { Metastore } from './metastore.js';

/** A metastore object as its resource: named by its id, in its workspace's namespace. */
export function unityCatalogResource<S extends TSchema>(
  kind: ResourceKind & { spec: S },
  metastore: Metastore,
  id: string,
  spec: Static<S>,
): CustomResource<Static<S>, UnityCatalogStatus> {
  return {
    apiVersion: API_VERSION,
    kind: kind.kind,
    metadata: {
      name: id,
      namespace: metastore.namespace,
      labels: { [Labels.managedBy]: MANAGED_BY, [Labels.workspaceId]: String(metastore.workspaceId) },
    },
    spec: toCamelCase(spec, kind.spec),
  };
}
