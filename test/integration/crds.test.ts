import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

/** The CRDs as a kubectl user meets them: samples apply, bad manifests are refused with reasons. */
const run = promisify(execFile);
const namespace = `it-crds-${randomUUID().slice(0, 8)}`;

async function kubectl(
  args: string[],
  input?: string,
): Promise<{ stdout: string; stderr: string; code: number }> {
  const child = run('kubectl', args, { encoding: 'utf8' });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

const cluster = (spec: Record<string, unknown>, name = 'bad') =>
  stringify({
    apiVersion: 'brickyard.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name },
    spec: { sparkVersion: '19.3.x-no-spark-scala2.13', desiredState: 'RUNNING', ...spec },
  });

beforeAll(async () => {
  expect((await kubectl(['create', 'namespace', namespace])).code).toBe(0);
  // Clusters and Jobs are admitted only in workspace namespaces, which carry this label.
  expect((await kubectl(['label', 'namespace', namespace, 'brickyard.dev/workspace-id=0'])).code).toBe(0);
});

afterAll(async () => {
  await kubectl(['delete', 'namespace', namespace, '--wait=false']);
});

describe('the Brickyard CRDs under kubectl', () => {
  it.each(['cluster', 'job', 'warehouse'])(
    'refuse a %s outside a workspace namespace, saying where it belongs',
    async (sample) => {
      const applied = await kubectl(['apply', '-n', 'default', '-f', `deploy/samples/${sample}.yaml`]);
      expect(applied.code).not.toBe(0);
      expect(applied.stderr).toContain('workspace-namespaces.brickyard.dev');
      expect(applied.stderr).toContain('belongs in the namespace of a workspace');
      const listed = await kubectl([
        'get',
        'clusters.brickyard.dev,jobs.brickyard.dev,warehouses.brickyard.dev',
        '-n',
        'default',
        '-o',
        'name',
      ]);
      expect(listed.stdout).toBe('');
    },
  );

  it('accept the samples and list them under the brickyard category with their columns', async () => {
    for (const sample of ['cluster', 'job', 'warehouse']) {
      const applied = await kubectl(['apply', '-n', namespace, '-f', `deploy/samples/${sample}.yaml`]);
      expect(applied.stderr).toBe('');
    }
    const listed = await kubectl(['get', 'brickyard', '-n', namespace]);
    expect(listed.stdout).toContain('cluster.brickyard.dev/1124-000000-samples0');
    expect(listed.stdout).toContain('job.brickyard.dev/job-4242');
    expect(listed.stdout).toContain('warehouse.brickyard.dev/5a3b1e0000000001');
    const clusters = await kubectl(['get', 'dbc', '-n', namespace]);
    expect(clusters.stdout).toMatch(/DISPLAY NAME\s+STATE\s+WORKERS\s+DESIRED\s+AGE/);
    const warehouses = await kubectl(['get', 'dbw', '-n', namespace]);
    expect(warehouses.stdout).toMatch(/DISPLAY NAME\s+SIZE\s+STATE\s+AGE/);
  });

  it.each([
    [
      'fewer clusters at most than at least',
      { minNumClusters: 3, maxNumClusters: 2 },
      /maxNumClusters must be greater than or equal to minNumClusters/,
    ],
    [
      'an auto stop under ten minutes',
      { autoStopMins: 5 },
      /autoStopMins must be 0 \(no auto stop\) or at least 10/,
    ],
    ['an unknown size', { clusterSize: 'Huge' }, /Unsupported value: "Huge"/],
  ])('refuse a warehouse with %s', async (_case, spec, message) => {
    const manifest = stringify({
      apiVersion: 'brickyard.dev/v1alpha1',
      kind: 'Warehouse',
      metadata: { name: 'bad' },
      spec: { name: 'bad', clusterSize: 'Small', desiredState: 'RUNNING', ...spec },
    });
    const applied = await kubectl(['apply', '-n', namespace, '-f', '-'], manifest);
    expect(applied.code).not.toBe(0);
    expect(applied.stderr).toMatch(message);
  });

  it.each([
    [
      'a size and autoscale together',
      { numWorkers: 2, autoscale: { minWorkers: 1, maxWorkers: 3 } },
      /Only one of numWorkers or autoscale may be set/,
    ],
    [
      'autoscale bounds in the wrong order',
      { autoscale: { minWorkers: 3, maxWorkers: 1 } },
      /maxWorkers must be greater than/,
    ],
    [
      'equal autoscale bounds (Databricks wants max strictly above min)',
      { autoscale: { minWorkers: 2, maxWorkers: 2 } },
      /autoscale.maxWorkers must be greater than autoscale.minWorkers/,
    ],
    ['auto-termination under ten minutes', { autoterminationMinutes: 5 }, /autoterminationMinutes must be 0/],
    ['an unknown desired state', { desiredState: 'SLEEPING' }, /Unsupported value: "SLEEPING"/],
    ['a negative size', { numWorkers: -1 }, /should be greater than or equal to 0/],
  ])('refuse a cluster with %s', async (_case, spec, message) => {
    const applied = await kubectl(['apply', '-n', namespace, '-f', '-'], cluster(spec));
    expect(applied.code).not.toBe(0);
    expect(applied.stderr).toMatch(message);
  });

  it('refuse a cluster without a runtime version', async () => {
    const manifest = stringify({
      apiVersion: 'brickyard.dev/v1alpha1',
      kind: 'Cluster',
      metadata: { name: 'no-runtime' },
      spec: { desiredState: 'RUNNING' },
    });
    const applied = await kubectl(['apply', '-n', namespace, '-f', '-'], manifest);
    expect(applied.stderr).toMatch(/spec.sparkVersion: Required value/);
  });
});
