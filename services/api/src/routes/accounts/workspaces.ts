import type { WorkspaceResource } from '@brickyard/common/crd';
import { newNumericId } from '@brickyard/common/ids';
import { StringEnum, WORKSPACE_STATUSES } from '@brickyard/common/schema';
import { API_VERSION, Labels, MANAGED_BY, workspaceResourceName } from '@brickyard/common/vocabulary';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { resourceDoesNotExist } from '../../errors/databricks-error.js';
import { ensureWorkspaceIdentities } from '../../identity/workspace-identities.js';
import type { RouteOptions } from '../../services.js';
import { accountIdCheck } from './account-id.js';

const Workspace = Type.Object({
  workspace_id: Type.Integer(),
  workspace_name: Type.String(),
  account_id: Type.String(),
  deployment_name: Type.String(),
  aws_region: Type.String(),
  pricing_tier: Type.String(),
  cloud: Type.String(),
  workspace_status: StringEnum(WORKSPACE_STATUSES),
  workspace_status_message: Type.String(),
  creation_time: Type.Integer(),
});

const CreateWorkspace = Type.Object({
  workspace_name: Type.String({ minLength: 1, maxLength: 100 }),
  deployment_name: Type.Optional(
    Type.String({ minLength: 1, maxLength: 63, pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$' }),
  ),
  aws_region: Type.Optional(Type.String({ minLength: 1 })),
  pricing_tier: Type.Optional(Type.String()),
});

const AccountParams = Type.Object({ account_id: Type.String() });
const WorkspaceParams = Type.Object({
  account_id: Type.String(),
  workspace_id: Type.Integer({ minimum: 1 }),
});

function toWorkspace(resource: WorkspaceResource, accountId: string) {
  const { spec, status } = resource;
  return {
    workspace_id: spec.workspaceId,
    workspace_name: spec.workspaceName,
    account_id: accountId,
    deployment_name: spec.deploymentName ?? `ws-${spec.workspaceId}`,
    aws_region: spec.awsRegion ?? 'us-east-1',
    pricing_tier: spec.pricingTier ?? 'PREMIUM',
    cloud: 'aws',
    workspace_status: resource.metadata.deletionTimestamp
      ? 'CANCELLING'
      : (status?.workspaceStatus ?? 'PROVISIONING'),
    workspace_status_message: status?.workspaceStatusMessage ?? 'Workspace is being provisioned',
    creation_time:
      status?.creationTime ?? Date.parse(resource.metadata.creationTimestamp?.toString() ?? '') ?? 0,
  } as const;
}

/** The Workspace resource of a new workspace; the operator provisions it. */
function newWorkspaceResource(
  workspaceId: number,
  request: Static<typeof CreateWorkspace>,
): WorkspaceResource {
  const { workspace_name, deployment_name, aws_region, pricing_tier } = request;
  return {
    apiVersion: API_VERSION,
    kind: 'Workspace',
    metadata: {
      name: workspaceResourceName(workspaceId),
      labels: { [Labels.managedBy]: MANAGED_BY, [Labels.workspaceId]: String(workspaceId) },
    },
    spec: {
      workspaceId,
      workspaceName: workspace_name,
      ...(deployment_name ? { deploymentName: deployment_name } : {}),
      awsRegion: aws_region ?? 'us-east-1',
      pricingTier: pricing_tier ?? 'PREMIUM',
    },
  };
}

const CreateSchema = {
  tags: ['accounts'],
  summary: 'Create a workspace',
  params: AccountParams,
  body: CreateWorkspace,
  response: { 200: Workspace },
};

const ListSchema = {
  tags: ['accounts'],
  summary: 'All workspaces',
  params: AccountParams,
  response: { 200: Type.Array(Workspace) },
};

const GetSchema = {
  tags: ['accounts'],
  summary: 'A workspace',
  params: WorkspaceParams,
  response: { 200: Workspace },
};

const DeleteSchema = {
  tags: ['accounts'],
  summary: 'Delete a workspace and everything in it',
  params: WorkspaceParams,
  response: { 200: Workspace },
};

/** The account console's workspaces API: account admins create, list and delete workspaces. */
export const accountWorkspaceRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { accountId } = services.config;
  const store = services.workspaces.store;
  const config = { access: 'account-admin' as const };
  // The collection is /workspaces, as the SDKs call it (and the OpenAPI document names it), not
  // /workspaces/, which Fastify would register and document for '/' under a prefix.
  const collection = { prefixTrailingSlash: 'no-slash' as const };
  app.addHook('preHandler', accountIdCheck(accountId));
  const find = (workspaceId: number) => {
    const resource = store.get(undefined, workspaceResourceName(workspaceId));
    if (!resource) throw resourceDoesNotExist(`Workspace ${workspaceId} does not exist`);
    return resource;
  };

  app.post('/', { ...collection, config, schema: CreateSchema }, async (request) => {
    const created = await store.create(newWorkspaceResource(newNumericId(), request.body));
    // Its creator is its first user and admin, as in Databricks.
    await ensureWorkspaceIdentities(services.identities, created, request.principal.userName);
    return toWorkspace(created, accountId);
  });

  app.get('/', { ...collection, config, schema: ListSchema }, async () =>
    store
      .list()
      .map((resource) => toWorkspace(resource, accountId))
      .sort((a, b) => a.creation_time - b.creation_time),
  );

  app.get('/:workspace_id', { config, schema: GetSchema }, async (request) =>
    toWorkspace(find(request.params.workspace_id), accountId),
  );

  app.delete('/:workspace_id', { config, schema: DeleteSchema }, async (request) => {
    const resource = find(request.params.workspace_id);
    await store.delete(undefined, resource.metadata.name as string);
    return { ...toWorkspace(resource, accountId), workspace_status: 'CANCELLING' as const };
  });
};
