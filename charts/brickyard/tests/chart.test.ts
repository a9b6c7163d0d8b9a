import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  V1ClusterRole,
  V1Container,
  V1EnvVar,
  V1Job,
  V1PodTemplateSpec,
  V1PolicyRule,
  V1Role,
  V1Service,
} from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

// The chart as `helm template` renders it, with the helm binary `make up` links into
// .brickyard/bin, or else the same one unpacked from node_modules by deploy/local/helm.sh.

const REPO = join(import.meta.dirname, '..', '..', '..');
const CHART = join(REPO, 'charts', 'brickyard');
const RELEASE = 'brickyard';
const NAMESPACE = 'brickyard-system';

function helmCommand(): string {
  const linked = join(REPO, '.brickyard', 'bin', 'helm');
  try {
    accessSync(linked, constants.X_OK);
    return linked;
  } catch {
    return join(REPO, 'deploy', 'local', 'helm.sh');
  }
}
const HELM = helmCommand();

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  rules?: V1PolicyRule[];
}

function helm(args: string[]): string {
  return execFileSync(HELM, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function render(args: string[] = [], chart = CHART): Manifest[] {
  const text = helm(['template', RELEASE, chart, '--namespace', NAMESPACE, ...args]);
  return parseAllDocuments(text)
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

/** The error helm reports for these values (it must fail). */
function renderError(args: string[]): string {
  try {
    render(args);
  } catch (error) {
    return String((error as { stderr?: string }).stderr);
  }
  throw new Error(`helm template ${args.join(' ')} succeeded`);
}

const set = (...pairs: string[]) => pairs.flatMap((pair) => ['--set', pair]);
const ofKind = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);
const named = (manifests: Manifest[], kind: string, name: string): Manifest => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${manifests.map((m) => m.metadata.name).join(', ')}`);
  return found;
};

/** The pod template of a Deployment, StatefulSet or Job. */
const podTemplate = (workload: Manifest) => workload.spec?.template as V1PodTemplateSpec;
const workloads = (manifests: Manifest[]) =>
  manifests.filter((m) => ['Deployment', 'StatefulSet', 'Job'].includes(m.kind));
const containersOf = (workload: Manifest): V1Container[] => {
  const spec = podTemplate(workload).spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
};
const envOf = (manifests: Manifest[], deployment: string): V1EnvVar[] =>
  podTemplate(named(manifests, 'Deployment', deployment)).spec?.containers[0]?.env ?? [];
const envVar = (env: V1EnvVar[], name: string) => env.find((variable) => variable.name === name);

/** Every workload rendered at once: in-chart stores, bootstrap, monitoring. */
const EVERYTHING = set('bootstrap.enabled=true', 'serviceMonitor.enabled=true');
const EXTERNAL = set(
  'redis.enabled=false',
  'redis.url=redis://redis.example:6379',
  's3.inChart.enabled=false',
  's3.endpoint=https://s3.example',
  's3.existingSecret=my-s3',
  's3.accessKeyIdKey=id',
  's3.secretAccessKeyKey=secret',
);

describe('the Redis and S3 switches', () => {
  const cases = [
    {
      name: 'runs Redis and versitygw in the chart by default, with a bucket hook and generated keys',
      args: [],
      statefulSets: ['brickyard-redis', 'brickyard-s3'],
      redisUrl: { value: 'redis://brickyard-redis.brickyard-system.svc:6379' },
      endpoint: 'http://brickyard-s3.brickyard-system.svc:7070',
      keys: { name: 'brickyard-s3', key: 'AWS_ACCESS_KEY_ID' },
      bucketJob: true,
    },
    {
      name: 'uses an external Redis URL and S3 keys from an existing Secret',
      args: EXTERNAL,
      statefulSets: [],
      redisUrl: { value: 'redis://redis.example:6379' },
      endpoint: 'https://s3.example',
      keys: { name: 'my-s3', key: 'id' },
      bucketJob: false,
    },
    {
      name: 'reads the external Redis URL from an existing Secret',
      args: [...EXTERNAL, ...set('redis.url=', 'redis.existingSecret=redis-conn')],
      statefulSets: [],
      redisUrl: { valueFrom: { secretKeyRef: { name: 'redis-conn', key: 'REDIS_URL' } } },
      endpoint: 'https://s3.example',
      keys: { name: 'my-s3', key: 'id' },
      bucketJob: false,
    },
  ];
  it.each(cases)('$name', ({ args, statefulSets, redisUrl, endpoint, keys, bucketJob }) => {
    const manifests = render(args);
    expect(ofKind(manifests, 'StatefulSet').map((m) => m.metadata.name)).toEqual(statefulSets);
    for (const deployment of ['brickyard-api', 'brickyard-operator', 'brickyard-scheduler']) {
      const { name: _, ...source } = envVar(envOf(manifests, deployment), 'REDIS_URL') ?? {};
      expect(source, deployment).toEqual(redisUrl);
    }
    for (const deployment of ['brickyard-api', 'brickyard-operator']) {
      const env = envOf(manifests, deployment);
      expect(envVar(env, 'AWS_ENDPOINT_URL_S3')?.value).toBe(endpoint);
      expect(envVar(env, 'AWS_ACCESS_KEY_ID')?.valueFrom?.secretKeyRef).toEqual(keys);
    }
    expect(ofKind(manifests, 'Job').some((m) => m.metadata.name === 'brickyard-s3-bucket')).toBe(bucketJob);
    expect(ofKind(manifests, 'Secret').some((m) => m.metadata.name === 'brickyard-s3')).toBe(bucketJob);
  });
});

describe('monitoring', () => {
  it.each([
    { name: 'renders no ServiceMonitor and no metrics Service by default', args: [], monitors: 0 },
    { name: 'renders a ServiceMonitor per component when enabled', args: EVERYTHING, monitors: 3 },
  ])('$name', ({ args, monitors }) => {
    const manifests = render(args);
    const serviceMonitors = ofKind(manifests, 'ServiceMonitor');
    expect(serviceMonitors).toHaveLength(monitors);
    expect(manifests.filter((m) => m.metadata.name.endsWith('-metrics'))).toHaveLength(
      monitors === 0 ? 0 : 2,
    );
    const services = ofKind(manifests, 'Service') as unknown as V1Service[];
    for (const monitor of serviceMonitors) {
      const { matchLabels } = (monitor.spec as { selector: { matchLabels: Record<string, string> } })
        .selector;
      const selected = services.filter((service) =>
        Object.entries(matchLabels).every(([key, value]) => service.metadata?.labels?.[key] === value),
      );
      expect(selected, monitor.metadata.name).toHaveLength(1);
      expect(selected[0]?.spec?.ports?.map((port) => port.name)).toContain('http');
    }
  });

  it('annotates every Brickyard pod for Prometheus with its own port', () => {
    const manifests = render();
    for (const [deployment, port] of [
      ['brickyard-api', '8080'],
      ['brickyard-operator', '8081'],
      ['brickyard-scheduler', '8083'],
    ] as const) {
      expect(podTemplate(named(manifests, 'Deployment', deployment)).metadata?.annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': port,
        'prometheus.io/path': '/metrics',
      });
    }
  });
});

describe('the Grafana dashboards', () => {
  const copies: string[] = [];
  afterAll(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });
  /** A copy of the chart with these dashboards/*.json files. */
  function chartWith(files: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'brickyard-chart-'));
    copies.push(dir);
    cpSync(CHART, dir, { recursive: true });
    // Only these files, whatever dashboards the checkout's chart carries.
    rmSync(join(dir, 'dashboards'), { recursive: true });
    mkdirSync(join(dir, 'dashboards'));
    for (const file of files) writeFileSync(join(dir, 'dashboards', file), JSON.stringify({ title: file }));
    return dir;
  }

  it.each([
    { name: 'renders no ConfigMap when there are no dashboards', files: [], args: [], expected: [] },
    {
      name: 'renders one labelled ConfigMap per dashboard file',
      files: ['api.json', 'Cluster_Pods.json'],
      args: [],
      expected: ['brickyard-dashboard-api', 'brickyard-dashboard-cluster-pods'],
    },
    {
      name: 'renders none when dashboards are disabled',
      files: ['api.json'],
      args: set('dashboards.enabled=false'),
      expected: [],
    },
  ])('$name', ({ files, args, expected }) => {
    const configMaps = ofKind(render(args, chartWith(files)), 'ConfigMap');
    expect(configMaps.map((m) => m.metadata.name).sort()).toEqual(expected.sort());
    for (const configMap of configMaps) {
      expect(configMap.metadata.labels?.grafana_dashboard).toBe('1');
      const [file, content] = Object.entries(configMap.data ?? {})[0] ?? [];
      expect(JSON.parse(content ?? '')).toEqual({ title: file });
    }
  });

  it('takes the label, its value and the namespace from the values', () => {
    const args = set(
      'dashboards.label=dashboards',
      'dashboards.labelValue=brickyard',
      'dashboards.namespace=grafana',
    );
    const [configMap] = ofKind(render(args, chartWith(['api.json'])), 'ConfigMap');
    expect(configMap?.metadata.labels?.dashboards).toBe('brickyard');
    expect(configMap?.metadata.namespace).toBe('grafana');
  });
});

describe('RBAC', () => {
  const manifests = render(EVERYTHING);
  const roles = [...ofKind(manifests, 'ClusterRole'), ...ofKind(manifests, 'Role')];
  /** The rules of the role called `name` in a deploy/rbac manifest of the local platform. */
  const localRules = (file: string, kind: string, name: string) =>
    parseAllDocuments(readFileSync(join(REPO, 'deploy', 'rbac', file), 'utf8'))
      .map((document) => document.toJS() as V1ClusterRole | V1Role | null)
      .find((role) => role?.kind === kind && role.metadata?.name === name)?.rules;

  it('runs two operator replicas (one leads through a Lease in the release namespace)', () => {
    const operator = named(manifests, 'Deployment', 'brickyard-operator');
    expect(operator.spec?.replicas).toBe(2);
    expect(envVar(envOf(manifests, 'brickyard-operator'), 'BRICKYARD_OPERATOR_NAMESPACE')?.value).toBe(
      NAMESPACE,
    );
    const lease = named(manifests, 'Role', 'brickyard-operator-leader-election');
    expect(lease.metadata.namespace).toBe(NAMESPACE);
    expect(lease.rules).toEqual([
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
    ]);
  });

  it('grants no wildcard in any role', () => {
    expect(roles.length).toBeGreaterThan(5);
    for (const role of roles) {
      for (const rule of role.rules ?? []) {
        const words = [...(rule.apiGroups ?? []), ...(rule.resources ?? []), ...rule.verbs];
        expect(words, role.metadata.name).not.toContain('*');
      }
    }
  });

  it.each([
    {
      name: 'gives the operator the rules of deploy/rbac/operator.yaml',
      file: 'operator.yaml',
      role: 'operator',
    },
    {
      name: 'gives the scheduler the rules of deploy/rbac/scheduler.yaml',
      file: 'scheduler.yaml',
      role: 'scheduler',
    },
    { name: 'gives the API the rules of deploy/rbac/api.yaml', file: 'api.yaml', role: 'api' },
  ])('$name', ({ file, role }) => {
    const name = `brickyard-${role}`;
    expect(named(manifests, 'ClusterRole', name).rules).toEqual(localRules(file, 'ClusterRole', name));
  });

  it('binds every role to a ServiceAccount the chart creates, in the release namespace', () => {
    const accounts = ofKind(manifests, 'ServiceAccount').map((m) => m.metadata.name);
    for (const binding of [...ofKind(manifests, 'ClusterRoleBinding'), ...ofKind(manifests, 'RoleBinding')]) {
      const subjects = (binding as unknown as { subjects: { name: string; namespace: string }[] }).subjects;
      for (const subject of subjects) {
        expect(accounts).toContain(subject.name);
        expect(subject.namespace).toBe(NAMESPACE);
      }
    }
  });
});

describe('every workload', () => {
  const manifests = render(EVERYTHING);
  const all = workloads(manifests);

  it('renders the Deployments, StatefulSets and Jobs expected', () => {
    expect(all.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'Deployment/brickyard-api',
      'Deployment/brickyard-operator',
      'Deployment/brickyard-scheduler',
      'Job/brickyard-bootstrap',
      'Job/brickyard-s3-bucket',
      'StatefulSet/brickyard-redis',
      'StatefulSet/brickyard-s3',
    ]);
  });

  it('runs restricted: non-root user 10001, RuntimeDefault seccomp, no privilege escalation or capabilities', () => {
    for (const workload of all) {
      expect(podTemplate(workload).spec?.securityContext, workload.metadata.name).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      for (const container of containersOf(workload)) {
        expect(container.securityContext, `${workload.metadata.name}/${container.name}`).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
      }
    }
  });

  it('sets requests and limits of CPU and memory on every container', () => {
    for (const workload of all) {
      for (const container of containersOf(workload)) {
        for (const bound of ['requests', 'limits'] as const) {
          expect(
            Object.keys(container.resources?.[bound] ?? {}).sort(),
            `${container.name} ${bound}`,
          ).toEqual(['cpu', 'memory']);
        }
      }
    }
  });

  it('probes the liveness and readiness of every long-running container', () => {
    for (const workload of all.filter((m) => m.kind !== 'Job')) {
      for (const container of podTemplate(workload).spec?.containers ?? []) {
        expect(container.livenessProbe, container.name).toBeDefined();
        expect(container.readinessProbe, container.name).toBeDefined();
      }
    }
    const api = podTemplate(named(manifests, 'Deployment', 'brickyard-api')).spec?.containers[0];
    expect(api?.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(api?.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
  });

  it.each([
    ['brickyard-api', 'BRICKYARD_API_HOST'],
    ['brickyard-operator', 'BRICKYARD_OPERATOR_HOST'],
    ['brickyard-scheduler', 'BRICKYARD_SCHEDULER_HOST'],
  ])('makes %s listen on its pod IP (%s)', (deployment, variable) => {
    expect(envVar(envOf(manifests, deployment), variable)?.valueFrom).toEqual({
      fieldRef: { fieldPath: 'status.podIP' },
    });
  });
  it.each([
    'Deployment/brickyard-api',
    'Deployment/brickyard-operator',
    'Deployment/brickyard-scheduler',
    'Job/brickyard-bootstrap',
  ])('gives %s its ServiceAccount token as a declared projected volume at the in-cluster path', (id) => {
    const [kind = '', name = ''] = id.split('/');
    const pod = podTemplate(named(manifests, kind, name)).spec;
    expect(pod?.automountServiceAccountToken).toBe(false);
    const volume = pod?.volumes?.find((v) => v.name === 'kube-api-access');
    expect(volume?.projected?.sources?.map((source) => Object.keys(source)[0])).toEqual([
      'serviceAccountToken',
      'configMap',
      'downwardAPI',
    ]);
    expect(pod?.containers[0]?.volumeMounts).toContainEqual({
      name: 'kube-api-access',
      mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
      readOnly: true,
    });
  });
});

describe('images', () => {
  it.each([
    {
      name: 'default to brickyard/<name> at the appVersion',
      args: [],
      api: 'brickyard/api:0.1.0',
      runtime: 'brickyard/runtime:0.1.0',
    },
    {
      name: 'take the global registry and tag',
      args: set('image.registry=ghcr.io/acme/', 'image.tag=1.2.3'),
      api: 'ghcr.io/acme/brickyard/api:1.2.3',
      runtime: 'ghcr.io/acme/brickyard/runtime:1.2.3',
    },
    {
      name: 'prefer a component’s own tag to the global one',
      args: set('image.tag=1.2.3', 'api.image.tag=9', 'runtime.image.tag=8'),
      api: 'brickyard/api:9',
      runtime: 'brickyard/runtime:8',
    },
  ])('$name', ({ args, api, runtime }) => {
    const manifests = render(args);
    expect(podTemplate(named(manifests, 'Deployment', 'brickyard-api')).spec?.containers[0]?.image).toBe(api);
    expect(envVar(envOf(manifests, 'brickyard-operator'), 'BRICKYARD_RUNTIME_IMAGE')?.value).toBe(runtime);
  });

  it('gives every pod the image pull secrets', () => {
    for (const workload of workloads(render([...EVERYTHING, ...set('imagePullSecrets={regcred}')]))) {
      expect(podTemplate(workload).spec?.imagePullSecrets, workload.metadata.name).toEqual([
        { name: 'regcred' },
      ]);
    }
  });
});

describe('the bootstrap', () => {
  it.each([
    {
      name: 'reads the account id from the brickyard-account ConfigMap by default',
      args: [],
      source: { valueFrom: { configMapKeyRef: { name: 'brickyard-account', key: 'account_id' } } },
    },
    {
      name: 'takes the account id from the values when set',
      args: set('accountId=3f1c5a9e-8d2b-4c6f-9a7e-1b2c3d4e5f60'),
      source: { value: '3f1c5a9e-8d2b-4c6f-9a7e-1b2c3d4e5f60' },
    },
  ])('$name', ({ args, source }) => {
    const { name: _, ...actual } = envVar(envOf(render(args), 'brickyard-api'), 'BRICKYARD_ACCOUNT_ID') ?? {};
    expect(actual).toEqual(source);
  });

  it('runs the install as a pre-install and pre-upgrade hook, its RBAC created before it and removed after', () => {
    const hooks = render().filter((m) => m.metadata.annotations?.['helm.sh/hook']?.includes('pre-install'));
    expect(hooks.map((m) => m.kind).sort()).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'Job',
      'Role',
      'RoleBinding',
      'ServiceAccount',
    ]);
    const weight = (m: Manifest) => Number(m.metadata.annotations?.['helm.sh/hook-weight']);
    const job = hooks.find((m) => m.kind === 'Job') as Manifest;
    for (const hook of hooks) {
      expect(hook.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
      expect(hook.metadata.annotations?.['helm.sh/hook-delete-policy']).toBe(
        'before-hook-creation,hook-succeeded',
      );
      if (hook !== job) expect(weight(hook)).toBeLessThan(weight(job));
    }
    const spec = (job as unknown as V1Job).spec?.template.spec;
    expect(spec?.serviceAccountName).toBe('brickyard-bootstrap');
    expect(spec?.containers[0]?.command).toEqual([
      'node',
      'services/api/dist/install/install.js',
      '--tokens-secret',
      'brickyard-bootstrap-tokens',
      '--crds',
      'crds',
    ]);
  });

  it('limits the CRD rights of the hook to the chart’s own CRDs, and drops them without applyCrds', () => {
    const crdRules = (args: string[]) =>
      named(render(args), 'ClusterRole', 'brickyard-bootstrap').rules?.filter((rule) =>
        rule.apiGroups?.includes('apiextensions.k8s.io'),
      );
    expect(crdRules([])?.find((rule) => rule.verbs.includes('patch'))?.resourceNames).toEqual([
      'catalogs.brickyard.dev',
      'clusterpolicies.brickyard.dev',
      'clusters.brickyard.dev',
      'groups.brickyard.dev',
      'instancepools.brickyard.dev',
      'jobs.brickyard.dev',
      'objectpermissions.brickyard.dev',
      'queries.brickyard.dev',
      'schemas.brickyard.dev',
      'serviceprincipals.brickyard.dev',
      'tables.brickyard.dev',
      'users.brickyard.dev',
      'volumes.brickyard.dev',
      'warehouses.brickyard.dev',
      'workspaces.brickyard.dev',
    ]);
    expect(crdRules(set('bootstrap.applyCrds=false'))).toEqual([]);
  });

  it('renders no hook when disabled', () => {
    expect(
      render(set('bootstrap.enabled=false')).filter((m) => m.metadata.name === 'brickyard-bootstrap'),
    ).toEqual([]);
  });
});

describe('the runtime image of cluster pods', () => {
  it.each([
    {
      name: 'takes the shared tag and pull policy by default',
      args: [],
      image: 'brickyard/runtime:0.1.0',
      policy: 'IfNotPresent',
    },
    {
      name: 'takes its own tag, pull policy and the registry',
      args: set('image.registry=ghcr.io/acme', 'runtime.image.tag=1.2.3', 'runtime.image.pullPolicy=Always'),
      image: 'ghcr.io/acme/brickyard/runtime:1.2.3',
      policy: 'Always',
    },
  ])('$name', ({ args, image, policy }) => {
    const env = envOf(render(args), 'brickyard-operator');
    expect(envVar(env, 'BRICKYARD_RUNTIME_IMAGE')?.value).toBe(image);
    expect(envVar(env, 'BRICKYARD_RUNTIME_PULL_POLICY')?.value).toBe(policy);
  });
});

describe('the values schema', () => {
  it.each([
    {
      name: 'rejects a negative operator replica count',
      args: set('operator.replicas=-1'),
      error: '/operator/replicas',
    },
    { name: 'rejects an unknown Redis key', args: set('redis.mode=cluster'), error: "'mode' not allowed" },
    { name: 'rejects an unknown log level', args: set('api.logLevel=loud'), error: '/api/logLevel' },
    { name: 'rejects a port out of range', args: set('scheduler.port=70000'), error: '/scheduler/port' },
    {
      name: 'rejects an unknown pull policy',
      args: set('image.pullPolicy=Sometimes'),
      error: '/image/pullPolicy',
    },
    {
      name: 'rejects an unknown pull policy of cluster pods',
      args: set('runtime.image.pullPolicy=Sometimes'),
      error: '/runtime/image/pullPolicy',
    },
    {
      name: 'rejects an invalid operator shard',
      args: set('operator.shard=Not_A_Label'),
      error: '/operator/shard',
    },
    { name: 'rejects a bucket name S3 refuses', args: set('s3.bucket=My_Bucket'), error: '/s3/bucket' },
    { name: 'rejects an account id that is not a UUID', args: set('accountId=acme'), error: '/accountId' },
    {
      name: 'rejects a replica count that is not a number',
      args: set('api.replicas=two'),
      error: '/api/replicas',
    },
    {
      name: 'requires a Redis URL or Secret when Redis is external',
      args: set('redis.enabled=false'),
      error: '/redis',
    },
    {
      name: 'requires an endpoint and a Secret when S3 is external',
      args: set('s3.inChart.enabled=false'),
      error: '/s3/endpoint',
    },
  ])('$name', ({ args, error }) => {
    expect(renderError(args)).toContain(error);
  });

  it('passes helm lint --strict', () => {
    expect(helm(['lint', '--strict', CHART])).toContain('0 chart(s) failed');
  });
});

describe('the local platform values (deploy/local/helm-values.yaml)', () => {
  const manifests = render([
    '-f',
    join(REPO, 'deploy', 'local', 'helm-values.yaml'),
    ...set('s3.bucket=e2e-bucket'),
  ]);

  it('renders Brickyard’s own Deployments only: no in-chart stores, no hooks', () => {
    expect(workloads(manifests).map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      'Deployment/brickyard-api',
      'Deployment/brickyard-operator',
      'Deployment/brickyard-scheduler',
    ]);
    expect(manifests.filter((m) => m.metadata.annotations?.['helm.sh/hook'])).toEqual([]);
  });

  it('places every pod on the instance agent’s Nodes and uses images the agent maps', () => {
    const mapped = readFileSync(join(REPO, 'deploy', 'local', 'instance-agent.yaml'), 'utf8');
    for (const workload of workloads(manifests)) {
      const spec = podTemplate(workload).spec;
      expect(spec?.nodeSelector).toEqual({ 'brickyard.dev/instance-agent': 'true' });
      const repository = spec?.containers[0]?.image?.split(':')[0];
      expect(mapped).toContain(`\n  ${repository}:\n`);
    }
  });

  it('connects to the platform’s Redis and S3, in their own shards', () => {
    const operator = envOf(manifests, 'brickyard-operator');
    expect(envVar(operator, 'REDIS_URL')?.value).toBe('redis://127.0.0.1:16379');
    expect(envVar(operator, 'AWS_ENDPOINT_URL_S3')?.value).toBe('http://127.0.0.1:17070');
    expect(envVar(operator, 'AWS_SECRET_ACCESS_KEY')?.valueFrom?.secretKeyRef?.name).toBe('brickyard-e2e-s3');
    expect(envVar(operator, 'BRICKYARD_BUCKET')?.value).toBe('e2e-bucket');
    expect(envVar(operator, 'BRICKYARD_OPERATOR_SHARD')?.value).toBe('helm-e2e');
    expect(envVar(operator, 'BRICKYARD_NODE_SELECTOR')?.value).toBe('brickyard.dev/instance-agent=true');
    expect(envVar(envOf(manifests, 'brickyard-scheduler'), 'BRICKYARD_SCHEDULER_SHARD')?.value).toBe(
      'helm-e2e',
    );
  });
});

describe('a changed value', () => {
  /** The pod template of each Deployment and StatefulSet, as text. */
  const templates = (args: string[]) =>
    new Map(
      render(args)
        .filter((m) => m.kind === 'Deployment' || m.kind === 'StatefulSet')
        .map((m) => [m.metadata.name, JSON.stringify(podTemplate(m))]),
    );
  const baseline = templates([]);

  it.each([
    {
      name: 'api.logLevel changes the API pods only',
      args: set('api.logLevel=debug'),
      changed: ['brickyard-api'],
    },
    {
      name: 'operator.shard changes the operator pods only',
      args: set('operator.shard=blue'),
      changed: ['brickyard-operator'],
    },
    {
      name: 'scheduler.workspaces changes the scheduler pods only',
      args: set('scheduler.workspaces={7,8}'),
      changed: ['brickyard-scheduler'],
    },
    {
      name: 'runtime.image.tag changes the operator pods only (it creates the cluster pods)',
      args: set('runtime.image.tag=2.0.0'),
      changed: ['brickyard-operator'],
    },
    {
      name: 's3.bucket changes the API and operator pods (the scheduler never reads S3)',
      args: set('s3.bucket=other'),
      changed: ['brickyard-api', 'brickyard-operator'],
    },
    {
      name: 'redis.maxmemory changes the Redis pod only',
      args: set('redis.maxmemory=1gb'),
      changed: ['brickyard-redis'],
    },
  ])('$name', ({ args, changed }) => {
    const current = templates(args);
    expect([...current.keys()]).toEqual([...baseline.keys()]);
    const differing = [...current]
      .filter(([name, text]) => baseline.get(name) !== text)
      .map(([name]) => name);
    expect(differing.sort()).toEqual(changed);
  });
});

describe('the workspace host', () => {
  it('serves TLS from a tls Secret when one is named, and plain HTTP only otherwise', () => {
    const container = (args: string[]) =>
      podTemplate(named(render(args), 'Deployment', 'brickyard-api')).spec;
    const plain = container([]);
    expect(plain?.containers[0]?.env?.map((env) => env.name)).not.toContain('BRICKYARD_API_TLS_CERT');

    const tls = container(set('api.tlsSecret=workspace-host-tls'));
    expect(tls?.containers[0]?.env).toEqual(
      expect.arrayContaining([
        { name: 'BRICKYARD_API_TLS_CERT', value: '/etc/brickyard/tls/tls.crt' },
        { name: 'BRICKYARD_API_TLS_KEY', value: '/etc/brickyard/tls/tls.key' },
      ]),
    );
    expect(tls?.containers[0]?.volumeMounts).toContainEqual({
      name: 'tls',
      mountPath: '/etc/brickyard/tls',
      readOnly: true,
    });
    expect(tls?.volumes).toContainEqual({ name: 'tls', secret: { secretName: 'workspace-host-tls' } });
  });
});
