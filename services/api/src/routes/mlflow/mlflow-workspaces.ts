import { temporarilyUnavailable } from '../../errors/databricks-error.js';

/** The MLflow workspace that holds a Brickyard workspace's experiments and registered models. */
export function mlflowWorkspaceOf(workspaceId: number): string {
  return `ws-${workspaceId}`;
}

/**
 * Creates each Brickyard workspace's MLflow workspace the first time one of its requests comes
 * (MLflow answers requests naming an unknown workspace with an error). Once known to exist, a
 * workspace is not asked for again in this process.
 */
export class MlflowWorkspaces {
  private readonly known = new Set<string>();

  constructor(private readonly mlflowUrl: string) {}

  async ensure(name: string): Promise<void> {
    if (this.known.has(name)) return;
    const response = await fetch(new URL('/api/3.0/mlflow/workspaces', this.mlflowUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    }).catch(() => undefined);
    if (response === undefined) throw temporarilyUnavailable('The MLflow tracking server does not answer');
    const body = (await response.json().catch(() => ({}))) as { error_code?: string };
    if (!response.ok && body.error_code !== 'RESOURCE_ALREADY_EXISTS') {
      throw temporarilyUnavailable(`The MLflow tracking server refused workspace ${name}`);
    }
    this.known.add(name);
  }
}
