import { temporarilyUnavailable } from '../../errors/databricks-error.js';
import { MLFLOW_ARTIFACTS_DBFS_ROOT } from '../files/mlflow-artifact-paths.js';

/** The MLflow workspace that holds a Brickyard workspace's experiments and registered models. */
export function mlflowWorkspaceOf(workspaceId: number): string {
  return `ws-${workspaceId}`;
}

/**
 * Creates each Brickyard workspace's MLflow workspace the first time one of its requests comes
 * (MLflow answers requests naming an unknown workspace with an error), with Databricks' artifact
 * root: experiments' artifacts go to dbfs:/databricks/mlflow-tracking/<experiment>, which MLflow's
 * clients write through the Files API (routes/files/mlflow-artifact-paths.ts) into the
 * workspace's DBFS. A workspace that exists already gets that root too. Once known to exist, a
 * workspace is not asked for again in this process.
 */
export class MlflowWorkspaces {
  private readonly known = new Set<string>();

  constructor(private readonly mlflowUrl: string) {}

  async ensure(name: string): Promise<void> {
    if (this.known.has(name)) return;
    const settings = { default_artifact_root: `dbfs:${MLFLOW_ARTIFACTS_DBFS_ROOT}` };
    const created = await this.call('POST', '/api/3.0/mlflow/workspaces', { name, ...settings });
    if (!created.ok && created.errorCode === 'RESOURCE_ALREADY_EXISTS') {
      const updated = await this.call('PATCH', `/api/3.0/mlflow/workspaces/${name}`, settings);
      if (!updated.ok)
        throw temporarilyUnavailable(`The MLflow tracking server refused to update workspace ${name}`);
    } else if (!created.ok) {
      throw temporarilyUnavailable(`The MLflow tracking server refused workspace ${name}`);
    }
    this.known.add(name);
  }

  private async call(
    method: string,
    path: string,
    body: object,
  ): Promise<{ ok: boolean; errorCode?: string }> {
    const response = await fetch(new URL(path, this.mlflowUrl), {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch(() => undefined);
    if (response === undefined) throw temporarilyUnavailable('The MLflow tracking server does not answer');
    const answer = (await response.json().catch(() => ({}))) as { error_code?: string };
    return { ok: response.ok, ...(answer.error_code ? { errorCode: answer.error_code } : {}) };
  }
}
