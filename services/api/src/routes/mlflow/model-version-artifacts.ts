import type { S3Client } from '@aws-sdk/client-s3';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DatabricksError, temporarilyUnavailable } from '../../errors/databricks-error.js';
import type { ApiServices } from '../../services.js';
import type { MlflowWorkspaces } from './mlflow-workspaces.js';
import { mlflowWorkspaceOf } from './mlflow-workspaces.js';
import { ModelVersionFiles } from './model-version-files.js';

export interface ModelVersionArtifactOptions {
  services: ApiServices;
  mlflowUrl: string;
  workspaces: MlflowWorkspaces;
  /** Signs links for the S3 endpoint the API's clients reach. */
  links: S3Client;
}

const VersionPath = Type.Object({
  name: Type.String({ minLength: 1 }),
  version: Type.String({ minLength: 1 }),
  path: Type.Optional(Type.String()),
  page_token: Type.Optional(Type.String()),
});
const ArtifactFile = Type.Object({
  path: Type.String(),
  is_dir: Type.Boolean(),
  file_size: Type.Optional(Type.Integer()),
});
const HttpHeader = Type.Object({ name: Type.String(), value: Type.String() });

/**
 * Databricks' registry endpoints that MLflow's server lacks and its Databricks client downloads a
 * registered model through (DatabricksModelsArtifactRepository): a model version's files, and a
 * signed link to one of them. The version's folder is the download URI the tracking server
 * gives; its files are in the workspace's DBFS, where the Files API put them.
 */
export const modelVersionArtifactRoutes: FastifyPluginAsyncTypebox<ModelVersionArtifactOptions> = async (
  app,
  { services, mlflowUrl, workspaces, links },
) => {
  const filesOf = async (workspaceId: number, name: string, version: string) => {
    const workspace = mlflowWorkspaceOf(workspaceId);
    await workspaces.ensure(workspace);
    const url = new URL('/api/2.0/mlflow/model-versions/get-download-uri', mlflowUrl);
    url.search = new URLSearchParams({ name, version }).toString();
    const response = await fetch(url, { headers: { 'x-mlflow-workspace': workspace } }).catch(
      () => undefined,
    );
    if (response === undefined) throw temporarilyUnavailable('The MLflow tracking server does not answer');
    const body = (await response.json().catch(() => ({}))) as {
      artifact_uri?: string;
      error_code?: string;
      message?: string;
    };
    if (!response.ok) {
      throw new DatabricksError(
        response.status,
        body.error_code ?? 'INVALID_PARAMETER_VALUE',
        body.message ?? '',
      );
    }
    if (!body.artifact_uri)
      throw temporarilyUnavailable(`The model version ${name}/${version} has no download URI`);
    return new ModelVersionFiles(services.storage.forWorkspace(workspaceId), body.artifact_uri);
  };

  app.get(
    '/api/2.0/mlflow/model-versions/list-artifacts',
    {
      schema: {
        tags: ['mlflow'],
        summary: "A registered model version's files in one folder (one page: no next_page_token)",
        querystring: VersionPath,
        response: { 200: Type.Object({ files: Type.Array(ArtifactFile) }) },
      },
    },
    async (request) => {
      const { name, version, path = '' } = request.query;
      const files = await filesOf(request.workspace.workspaceId, name, version);
      return { files: await files.list(path) };
    },
  );

  app.get(
    '/api/2.0/mlflow/model-versions/get-signed-download-uri',
    {
      schema: {
        tags: ['mlflow'],
        summary: "A presigned link to one of a registered model version's files, valid 15 minutes",
        querystring: VersionPath,
        response: { 200: Type.Object({ signed_uri: Type.String(), headers: Type.Array(HttpHeader) }) },
      },
    },
    async (request) => {
      const { name, version, path = '' } = request.query;
      const files = await filesOf(request.workspace.workspaceId, name, version);
      return { signed_uri: await files.signedDownload(path, links), headers: [] };
    },
  );
};
