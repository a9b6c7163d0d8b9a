import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import type { V1Container, V1EnvVar, V1PodTemplateSpec } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

// The in-chart object store's IAM service (versitygw `iam` beside the gateway), as rendered by
// `helm template`, and the endpoint the API and the operator are given.

const REPO = join(import.meta.dirname, '..', '..', '..');
const LINKED_HELM = join(REPO, '.brickyard', 'bin', 'helm');

function helmCommand(): string {
  try {
    accessSync(LINKED_HELM, constants.X_OK);
    return LINKED_HELM;
  } catch {
    return join(REPO, 'deploy', 'local', 'helm.sh');
  }
}

interface Workload {
  kind: string;
  metadata: { name: string };
  spec?: { template?: V1PodTemplateSpec };
}

function render(...sets: string[]): Workload[] {
  const args = ['template', 'brickyard', join(REPO, 'charts', 'brickyard'), '-n', 'brickyard-system'];
  const output = execFileSync(helmCommand(), [...args, ...sets.flatMap((set) => ['--set', set])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return parseAllDocuments(output)
    .map((document) => document.toJSON() as Workload | null)
    .filter((manifest): manifest is Workload => manifest !== null);
}

function containers(manifests: Workload[], kind: string, name: string): V1Container[] {
  const workload = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  return workload?.spec?.template?.spec?.containers ?? [];
}

const iamEndpointOf = (container: V1Container | undefined): string | undefined =>
  container?.env?.find((variable: V1EnvVar) => variable.name === 'BRICKYARD_S3_IAM_ENDPOINT')?.value;

describe('the object store IAM service', () => {
  it('runs beside the gateway, which asks it through a socket on a shared volume', () => {
    const [gateway, iam] = containers(render(), 'StatefulSet', 'brickyard-s3');
    expect(iam?.args).toEqual(expect.arrayContaining(['iam', '--dir', '/data/iam', '--private-ports']));
    const socket = iam?.args?.[iam.args.indexOf('--private-ports') + 1];
    expect(gateway?.args).toEqual(expect.arrayContaining(['--iam-standalone-endpoint', socket]));
    const mountOf = (container: V1Container | undefined) =>
      container?.volumeMounts?.find((mount) => mount.name === 'iam-socket')?.mountPath;
    expect(mountOf(gateway)).toBe(mountOf(iam));
  });

  it('is what the API and the operator call', () => {
    const manifests = render();
    const endpoint = 'http://brickyard-s3.brickyard-system.svc:7071';
    expect(iamEndpointOf(containers(manifests, 'Deployment', 'brickyard-api')[0])).toBe(endpoint);
    expect(iamEndpointOf(containers(manifests, 'Deployment', 'brickyard-operator')[0])).toBe(endpoint);
  });

  it('can be left out, and then nobody is told of one', () => {
    const manifests = render('s3.inChart.iam.enabled=false');
    expect(containers(manifests, 'StatefulSet', 'brickyard-s3').map((container) => container.name)).toEqual([
      'versitygw',
    ]);
    expect(iamEndpointOf(containers(manifests, 'Deployment', 'brickyard-api')[0])).toBeUndefined();
  });

  it('of an external store is given by s3.iamEndpoint', () => {
    const manifests = render(
      's3.inChart.enabled=false',
      's3.endpoint=https://s3.example',
      's3.existingSecret=my-s3',
      's3.iamEndpoint=https://iam.example',
    );
    expect(iamEndpointOf(containers(manifests, 'Deployment', 'brickyard-operator')[0])).toBe(
      'https://iam.example',
    );
  });
});
