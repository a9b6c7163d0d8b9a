import { loadKubeConfig } from '@brickyard/common/kube';
import { readS3Env } from '@brickyard/common/platform-env';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import { CoreV1Api } from '@kubernetes/client-node';

/** The REST calls the Spark benchmarks make, as a Databricks user would, plus the driver's Connect address. */
export class DatabricksClient {
  private constructor(
    private readonly host: string,
    private readonly token: string,
  ) {}

  static fromEnv(): DatabricksClient {
    const { DATABRICKS_HOST: host, DATABRICKS_TOKEN: token } = process.env;
    if (!host || !token) throw new Error("DATABRICKS_HOST/TOKEN are not set: run 'source .brickyard/env'");
    return new DatabricksClient(host.replace(/\/+$/, ''), token);
  }

  private async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.host}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  async createCluster(spec: Record<string, unknown>): Promise<string> {
    const created = await this.call<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', spec);
    return created.cluster_id;
  }

  async waitForState(clusterId: string, state: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const cluster = await this.call<{ state: string; state_message?: string }>(
        'GET',
        `/api/2.1/clusters/get?cluster_id=${clusterId}`,
      );
      if (cluster.state === state) return;
      if (cluster.state === 'ERROR' || (cluster.state === 'TERMINATED' && state !== 'TERMINATED'))
        throw new Error(`cluster ${clusterId} is ${cluster.state}: ${cluster.state_message ?? ''}`);
      if (Date.now() > deadline) throw new Error(`cluster ${clusterId} not ${state} in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async createInstancePool(spec: Record<string, unknown>): Promise<string> {
    const created = await this.call<{ instance_pool_id: string }>(
      'POST',
      '/api/2.0/instance-pools/create',
      spec,
    );
    return created.instance_pool_id;
  }

  /** Polls the pool until `done` holds for its stats. */
  async waitForPool(
    poolId: string,
    done: (stats: Record<string, number>) => boolean,
    timeoutMs: number,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pool = await this.call<{ stats?: Record<string, number> }>(
        'GET',
        `/api/2.0/instance-pools/get?instance_pool_id=${poolId}`,
      );
      if (done(pool.stats ?? {})) return;
      if (Date.now() > deadline)
        throw new Error(`pool ${poolId}: ${JSON.stringify(pool.stats)} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async deleteInstancePool(poolId: string): Promise<void> {
    await this.call('POST', '/api/2.0/instance-pools/delete', { instance_pool_id: poolId });
  }

  async terminate(clusterId: string): Promise<void> {
    await this.call('POST', '/api/2.1/clusters/delete', { cluster_id: clusterId });
  }

  async permanentDelete(clusterId: string): Promise<void> {
    await this.call('POST', '/api/2.1/clusters/permanent-delete', { cluster_id: clusterId });
  }

  /** Imports a one-cell notebook, runs it on the cluster, and returns submit → result in ms. */
  async timeNotebook(clusterId: string, source: string): Promise<number> {
    const path = `/Shared/bench-spark-${clusterId}`;
    await this.call('POST', '/api/2.0/workspace/import', {
      path,
      format: 'SOURCE',
      language: 'PYTHON',
      overwrite: true,
      content: Buffer.from(`# Databricks notebook source\n${source}\n`).toString('base64'),
    });
    const started = performance.now();
    const { run_id: runId } = await this.call<{ run_id: number }>('POST', '/api/2.1/jobs/runs/submit', {
      run_name: 'bench-spark-first-count',
      tasks: [{ task_key: 'count', existing_cluster_id: clusterId, notebook_task: { notebook_path: path } }],
    });
    for (;;) {
      const run = await this.call<{ state: { life_cycle_state: string; result_state?: string } }>(
        'GET',
        `/api/2.1/jobs/runs/get?run_id=${runId}`,
      );
      if (run.state.life_cycle_state === 'TERMINATED') {
        if (run.state.result_state !== 'SUCCESS')
          throw new Error(`run ${runId}: ${JSON.stringify(run.state)}`);
        return performance.now() - started;
      }
      if (run.state.life_cycle_state === 'INTERNAL_ERROR') throw new Error(`run ${runId} failed`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** sc://<driver pod IP>:15002: the driver's Spark Connect server, reached directly. */
  async createWarehouse(spec: Record<string, unknown>): Promise<string> {
    return (await this.call<{ id: string }>('POST', '/api/2.0/sql/warehouses', spec)).id;
  }

  /** Waits for a warehouse's state; resolves with how long that took (ms). */
  async waitForWarehouse(id: string, state: string, timeoutMs: number): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < timeoutMs) {
      const warehouse = await this.call<{ state?: string }>('GET', `/api/2.0/sql/warehouses/${id}`);
      if (warehouse.state === state) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`warehouse ${id} did not reach ${state} in ${timeoutMs} ms`);
  }

  async startWarehouse(id: string): Promise<void> {
    await this.call('POST', `/api/2.0/sql/warehouses/${id}/start`, {});
  }

  async stopWarehouse(id: string): Promise<void> {
    await this.call('POST', `/api/2.0/sql/warehouses/${id}/stop`, {});
  }

  async deleteWarehouse(id: string): Promise<void> {
    await this.call('DELETE', `/api/2.0/sql/warehouses/${id}`);
  }

  /** One statement through the Statement Execution API, waited for (up to 50 s); throws unless it succeeds. */
  async executeStatement(body: Record<string, unknown>): Promise<{ rows: number }> {
    const answer = await this.call<{
      status: { state: string; error?: { message?: string } };
      manifest?: { total_row_count?: number };
    }>('POST', '/api/2.0/sql/statements', { wait_timeout: '50s', on_wait_timeout: 'CANCEL', ...body });
    if (answer.status.state !== 'SUCCEEDED') {
      throw new Error(`statement ${answer.status.state}: ${answer.status.error?.message ?? ''}
${String(body.statement)}`);
    }
    return { rows: answer.manifest?.total_row_count ?? 0 };
  }

  async connectUrl(clusterId: string): Promise<string> {
    const core = loadKubeConfig(process.env.KUBECONFIG).makeApiClient(CoreV1Api);
    const pods = await core.listPodForAllNamespaces({
      labelSelector: `brickyard.dev/cluster-id=${clusterId},brickyard.dev/role=driver`,
    });
    const ip = pods.items[0]?.status?.podIP;
    if (!ip) throw new Error(`cluster ${clusterId} has no driver pod with an IP`);
    return `sc://${ip}:15002`;
  }

  /** Removes what the benchmark wrote below an s3a:// prefix of the platform bucket. */
  async deletePrefix(s3aPrefix: string): Promise<void> {
    const s3 = readS3Env();
    const key = s3aPrefix.replace(`s3a://${s3.bucket}/`, '');
    const store = new ObjectStore(createS3Client(s3), s3.bucket).root('');
    for await (const page of store.iterate(`${key}/`))
      await store.deleteMany(page.map((object) => object.key));
  }
}
