import { QueryKind, type QueryResource, toCamelCase, toSnakeCase } from '@brickyard/common/crd';
import { QuerySpec } from '@brickyard/common/schema';
import { API_VERSION, Labels, MANAGED_BY } from '@brickyard/common/vocabulary';
import type { Static } from 'typebox';
import type { QueryView } from './query-schemas.js';

/** A query as its Query resource: named by its id, in its workspace's namespace. */
export function queryResource(input: {
  queryId: string;
  namespace: string;
  workspaceId: number;
  spec: QuerySpec;
}): QueryResource {
  return {
    apiVersion: API_VERSION,
    kind: QueryKind.kind,
    metadata: {
      name: input.queryId,
      namespace: input.namespace,
      labels: { [Labels.managedBy]: MANAGED_BY, [Labels.workspaceId]: String(input.workspaceId) },
    },
    spec: toCamelCase(input.spec, QuerySpec),
  };
}

export function querySpecOf(resource: QueryResource): QuerySpec {
  return toSnakeCase(resource.spec, QuerySpec);
}

export function withQuerySpec(resource: QueryResource, spec: QuerySpec): QueryResource {
  return { ...resource, spec: toCamelCase(spec, QuerySpec) };
}

/** A query as the API returns it. */
export function toQueryView(resource: QueryResource): Static<typeof QueryView> {
  return { id: resource.metadata.name ?? '', ...querySpecOf(resource) };
}
