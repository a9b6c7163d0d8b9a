import { describe, expect, it } from 'vitest';
import { desiredDriverService, desiredPod, type PodContext, podResources } from './desired.js';
import { driverSlot, workerSlot } from './naming.js';
import { CLUSTER_ID, testCluster } from './test-cluster.js';

const context: PodContext = {
  workspaceId: 1234,
  settings: {
    runtimeImage: 'brickyard/sleeper',
    runtimePullPolicy: 'Never',
    nodeSelector: { 'brickyard.dev/instance-agent': 'true' },
    instances: 'agent',
  },
};

describe('desiredPod', () => {
  const cluster = testCluster({
    spec: {
      nodeTypeId: 'm5d.large',
      driverNodeTypeId: 'r5d.xlarge',
      restartGeneration: 3,
      sparkEnvVars: { PYSPARK_PYTHON: '/usr/bin/python3', BRICKYARD_ROLE: 'ignored' },
    },
  });

  it('names, labels and owns a worker pod, and annotates its restart generation', () => {
    const pod = desiredPod(cluster, workerSlot(CLUSTER_ID, 2), context);
    expect(pod?.metadata).toEqual({
      name: `${CLUSTER_ID}-worker-2`,
      namespace: 'brickyard-ws-1234',
      labels: {
        'app.kubernetes.io/managed-by': 'brickyard',
        'brickyard.dev/workspace-id': '1234',
        'brickyard.dev/cluster-id': CLUSTER_ID,
        'brickyard.dev/role': 'worker',
      },
      annotations: {
        'brickyard.dev/restart-generation': '3',
        'brickyard.dev/expected-memory': '128Mi',
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '9100',
        'prometheus.io/path': '/metrics',
      },
      ownerReferences: [
        {
          apiVersion: 'brickyard.dev/v1alpha1',
          kind: 'Cluster',
          name: CLUSTER_ID,
          uid: 'cluster-uid',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    expect(pod?.spec).toMatchObject({
      restartPolicy: 'Always',
      serviceAccountName: 'brickyard-runtime',
    });
  });

  it("labels the pods of a cluster on pools with each slot's pool, cold or not", () => {
    const cluster = testCluster({ spec: { instancePoolId: 'workers', driverInstancePoolId: 'drivers' } });
    const poolOf = (pod: ReturnType<typeof desiredPod>) =>
      pod?.metadata?.labels?.['brickyard.dev/instance-pool-id'];
    expect(poolOf(desiredPod(cluster, driverSlot(CLUSTER_ID), context))).toBe('drivers');
    expect(poolOf(desiredPod(cluster, workerSlot(CLUSTER_ID, 0), context))).toBe('workers');
    expect(poolOf(desiredPod(testCluster({}), driverSlot(CLUSTER_ID), context))).toBeUndefined();
  });

  it('places each pod on an instance of its own node type, which is tainted for cluster pods', () => {
    const worker = desiredPod(cluster, workerSlot(CLUSTER_ID, 0), context);
    const driver = desiredPod(cluster, driverSlot(CLUSTER_ID), context);
    expect(worker?.spec?.nodeSelector).toEqual({
      'brickyard.dev/instance-agent': 'true',
      'node.kubernetes.io/instance-type': 'm5d.large',
    });
    expect(driver?.spec?.nodeSelector?.['node.kubernetes.io/instance-type']).toBe('r5d.xlarge');
    expect(worker?.spec?.tolerations).toEqual([
      { key: 'brickyard.dev/instance', operator: 'Equal', value: 'cluster', effect: 'NoSchedule' },
    ]);
    expect(worker?.spec?.schedulingGates).toEqual([{ name: 'brickyard.dev/instance' }]);
  });

  it("mounts the workspace's DBFS root at /dbfs and its volumes at /Volumes on Spark pods", () => {
    const spark = testCluster({ spec: { sparkVersion: '19.3.x-scala2.13' } });
    const withDbfs = { ...context, settings: { ...context.settings, dbfsBucket: 'brickyard' } };
    const pod = desiredPod(spark, workerSlot(CLUSTER_ID, 0), withDbfs);
    expect(pod?.spec?.volumes?.[0]).toEqual({
      name: 'dbfs',
      csi: {
        driver: 's3.csi.aws.com',
        volumeAttributes: { bucketName: 'brickyard', prefix: 'workspaces/1234/dbfs/' },
        nodePublishSecretRef: { name: 'brickyard-storage-mount' },
      },
    });
    expect(pod?.spec?.containers[0]?.volumeMounts).toEqual([
      { name: 'dbfs', mountPath: '/dbfs' },
      { name: 'dbfs', mountPath: '/Volumes', subPath: 'Volumes' },
      { name: 'brickyard-api-token', mountPath: '/var/run/secrets/brickyard.dev/api', readOnly: true },
    ]);
    // Pods without Spark mount no DBFS: their code reads files through the runtime's bridge.
    const noSpark = desiredPod(cluster, workerSlot(CLUSTER_ID, 0), withDbfs);
    expect(noSpark?.spec?.volumes?.map((volume) => volume.name)).toEqual(['brickyard-api-token']);
  });

  it.each([
    ['Spark pods', '19.3.x-scala2.13'],
    ['pods without Spark (dbutils.secrets)', '19.3.x-no-spark-scala2.13'],
  ])('gives %s a service account token for the API, of its audience only', (_name, sparkVersion) => {
    const pod = desiredPod(testCluster({ spec: { sparkVersion } }), driverSlot(CLUSTER_ID), context);
    expect(pod?.spec?.volumes).toEqual([
      {
        name: 'brickyard-api-token',
        projected: {
          sources: [
            { serviceAccountToken: { audience: 'brickyard-api', expirationSeconds: 3600, path: 'token' } },
          ],
        },
      },
    ]);
    expect(pod?.spec?.containers[0]?.env).toContainEqual({
      name: 'BRICKYARD_API_TOKEN_FILE',
      value: '/var/run/secrets/brickyard.dev/api/token',
    });
  });

  it('annotates the host memory a Spark pod is expected to take', () => {
    const spark = testCluster({
      spec: { sparkVersion: '19.3.x-scala2.13', sparkConf: { 'spark.executor.memory': '2g' } },
    });
    const annotation = (pod: ReturnType<typeof desiredPod>) =>
      pod?.metadata?.annotations?.['brickyard.dev/expected-memory'];
    expect(annotation(desiredPod(spark, driverSlot(CLUSTER_ID), context))).toBe('1200Mi');
    expect(annotation(desiredPod(spark, workerSlot(CLUSTER_ID, 0), context))).toBe('2560Mi');
  });

  it('only selects the node type for a node autoscaler, and nothing with no instance source', () => {
    const forAutoscaler = desiredPod(cluster, driverSlot(CLUSTER_ID), {
      ...context,
      settings: { ...context.settings, instances: 'node-type' },
    });
    expect(forAutoscaler?.spec?.nodeSelector?.['node.kubernetes.io/instance-type']).toBe('r5d.xlarge');
    expect(forAutoscaler?.spec?.tolerations).toBeUndefined();
    expect(forAutoscaler?.spec?.schedulingGates).toBeUndefined();
    const anywhere = desiredPod(cluster, driverSlot(CLUSTER_ID), {
      ...context,
      settings: { ...context.settings, instances: 'none' },
    });
    expect(anywhere?.spec?.nodeSelector).toEqual({ 'brickyard.dev/instance-agent': 'true' });
  });

  it('sizes each pod as its node type, requests equal to limits (the driver its own type)', () => {
    const worker = desiredPod(cluster, workerSlot(CLUSTER_ID, 0), context)?.spec?.containers[0];
    const driver = desiredPod(cluster, driverSlot(CLUSTER_ID), context)?.spec?.containers[0];
    expect(worker?.resources).toEqual({
      requests: { cpu: '2', memory: '8192Mi' },
      limits: { cpu: '2', memory: '8192Mi' },
    });
    expect(driver?.resources?.requests).toEqual({ cpu: '4', memory: '32768Mi' });
  });

  it("gives the runtime its identity, the workspace's connection Secret and the spark_env_vars", () => {
    const container = desiredPod(cluster, driverSlot(CLUSTER_ID), context)?.spec?.containers[0];
    expect(container?.image).toBe('brickyard/sleeper');
    expect(container?.imagePullPolicy).toBe('Never');
    expect(container?.envFrom).toEqual([{ secretRef: { name: 'brickyard-runtime' } }]);
    expect(container?.env).toEqual([
      { name: 'PYSPARK_PYTHON', value: '/usr/bin/python3' },
      { name: 'BRICKYARD_CLUSTER_ID', value: CLUSTER_ID },
      { name: 'BRICKYARD_WORKSPACE_ID', value: '1234' },
      { name: 'BRICKYARD_ROLE', value: 'driver' },
      { name: 'BRICKYARD_NODE_TYPE', value: 'r5d.xlarge' },
      { name: 'BRICKYARD_WORKER_PORT', value: '9100' },
      { name: 'BRICKYARD_SPARK_ENGINE', value: 'none' },
      { name: 'BRICKYARD_SPARK_CONF', value: '{}' },
      { name: 'BRICKYARD_SINGLE_NODE', value: 'false' },
      { name: 'BRICKYARD_WORKER_NODE_TYPE', value: 'm5d.large' },
      { name: 'BRICKYARD_POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'BRICKYARD_API_TOKEN_FILE', value: '/var/run/secrets/brickyard.dev/api/token' },
    ]);
  });

  it.each([
    ['a listed runtime starts Spark', { sparkVersion: '19.3.x-scala2.13', numWorkers: 2 }, 'spark', 'false'],
    [
      'the control-plane test runtime starts none',
      { sparkVersion: '19.3.x-no-spark-scala2.13', numWorkers: 0 },
      'none',
      'true',
    ],
    [
      'an autoscaling cluster from zero workers is no single-node one',
      {
        sparkVersion: '19.3.x-scala2.13',
        numWorkers: undefined,
        autoscale: { minWorkers: 0, maxWorkers: 3 },
      },
      'spark',
      'false',
    ],
  ])('tells the runtime what to start: %s', (_, spec, engine, singleNode) => {
    const env = desiredPod(
      testCluster({ spec: { ...spec, sparkConf: { 'spark.x': 'y' } } }),
      driverSlot(CLUSTER_ID),
      context,
    )?.spec?.containers[0]?.env;
    const value = (name: string) => env?.find((variable) => variable.name === name)?.value;
    expect([value('BRICKYARD_SPARK_ENGINE'), value('BRICKYARD_SINGLE_NODE')]).toEqual([engine, singleNode]);
    expect(JSON.parse(value('BRICKYARD_SPARK_CONF') ?? '')).toEqual({ 'spark.x': 'y' });
  });

  it('makes a Spark pod Ready only when its runtime says so, and a pod without Spark once it runs', () => {
    const probeOf = (sparkVersion: string) =>
      desiredPod(testCluster({ spec: { sparkVersion } }), driverSlot(CLUSTER_ID), context)?.spec
        ?.containers[0]?.readinessProbe;
    expect(probeOf('19.3.x-scala2.13')).toMatchObject({ httpGet: { path: '/readyz', port: 'metrics' } });
    expect(probeOf('19.3.x-no-spark-scala2.13')).toBeUndefined();
  });

  it.each([
    ['a dbfs destination', { dbfs: { destination: 'dbfs:/cluster-logs' } }, 'dbfs:/cluster-logs'],
    ['no cluster_log_conf', undefined, undefined],
    [
      'an s3 destination, which the runtime does not deliver to',
      { s3: { destination: 's3://b/l' } },
      undefined,
    ],
  ])('tells the runtime where to deliver its logs: %s', (_, clusterLogConf, expected) => {
    const env = desiredPod(testCluster({ spec: { clusterLogConf } }), workerSlot(CLUSTER_ID, 0), context)
      ?.spec?.containers[0]?.env;
    expect(env?.find((variable) => variable.name === 'BRICKYARD_CLUSTER_LOG_DESTINATION')?.value).toBe(
      expected,
    );
  });

  it('serves the runtime metrics on a named port that Prometheus annotations point at', () => {
    const pod = desiredPod(cluster, driverSlot(CLUSTER_ID), context);
    expect(pod?.spec?.containers[0]?.ports).toEqual([
      { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
    ]);
    expect(pod?.metadata?.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9100',
      'prometheus.io/path': '/metrics',
    });
  });

  it('leaves the nodeSelector out when none is configured', () => {
    const pod = desiredPod(cluster, driverSlot(CLUSTER_ID), {
      ...context,
      settings: { ...context.settings, nodeSelector: {}, instances: 'none' },
    });
    expect(pod?.spec?.nodeSelector).toBeUndefined();
  });

  it('makes no pod for an unknown node type', () => {
    expect(
      desiredPod(testCluster({ spec: { nodeTypeId: 'x9' } }), driverSlot(CLUSTER_ID), context),
    ).toBeUndefined();
  });

  it('writes fractional memory sizes in whole mebibytes', () => {
    expect(podResources({ num_cores: 4, memory_mb: 31_232 } as never).requests).toEqual({
      cpu: '4',
      memory: '31232Mi',
    });
  });
});

describe('desiredDriverService', () => {
  it("is a headless Service selecting the cluster's driver, owned by the Cluster", () => {
    const service = desiredDriverService(testCluster({}), 1234);
    expect(service.metadata?.name).toBe(`${CLUSTER_ID}-driver`);
    expect(service.metadata?.ownerReferences?.[0]?.uid).toBe('cluster-uid');
    expect(service.spec).toEqual({
      clusterIP: 'None',
      selector: { 'brickyard.dev/cluster-id': CLUSTER_ID, 'brickyard.dev/role': 'driver' },
    });
  });
});
