import { findNodeType, type NodeType } from '@brickyard/common/catalog';
import { describe, expect, it } from 'vitest';
import { jvmOptions, type SparkConfInput, sparkConf, submittedAppConf } from './spark-conf.js';

const m5dLarge = findNodeType('m5d.large') as NodeType;
const s3 = {
  endpoint: 'http://127.0.0.1:17070',
  accessKeyId: 'AKID',
  secretAccessKey: 'SECRET',
  region: 'us-east-1',
  bucket: 'brickyard',
};

function input(userConf: Record<string, string> = {}, change: Partial<SparkConfInput> = {}): SparkConfInput {
  return {
    config: {
      clusterId: '0101-000000-abcdefgh',
      podIp: '127.32.0.5',
      workspaceId: 42,
      s3,
      nodeType: m5dLarge,
      workerNodeType: m5dLarge,
      userConf,
    },
    mode: { kind: 'standalone' },
    jars: ['/rt/jars/delta-spark_4.2_2.13-4.4.0.jar', '/rt/jars/hadoop-aws-3.5.0.jar'],
    python: '/rt/venv/bin/python3',
    classArchive: undefined,
    catalogs: undefined,
    ...change,
  };
}

describe('sparkConf', () => {
  it('points a multi-node cluster at its master and binds everything to the pod’s address', () => {
    expect(sparkConf(input()).conf).toMatchObject({
      'spark.master': 'spark://127.32.0.5:7077',
      'spark.submit.deployMode': 'client',
      'spark.driver.host': '127.32.0.5',
      'spark.driver.bindAddress': '127.32.0.5',
      'spark.connect.grpc.binding.address': '127.32.0.5',
      'spark.connect.grpc.binding.port': '15002',
    });
  });

  it('runs a single-node cluster on its local master', () => {
    const { conf } = sparkConf(input({}, { mode: { kind: 'local', master: 'local[2]' } }));
    expect(conf).toMatchObject({ 'spark.master': 'local[2]', 'spark.driver.memory': '5734m' });
  });

  it('reads and writes the workspace’s bucket through S3A with the pod’s keys, never instance metadata', () => {
    expect(sparkConf(input()).conf).toMatchObject({
      'spark.hadoop.fs.s3a.endpoint': 'http://127.0.0.1:17070',
      'spark.hadoop.fs.s3a.endpoint.region': 'us-east-1',
      'spark.hadoop.fs.s3a.path.style.access': 'true',
      'spark.hadoop.fs.s3a.connection.ssl.enabled': 'false',
      'spark.hadoop.fs.s3a.aws.credentials.provider': 'org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider',
      'spark.hadoop.fs.s3a.access.key': 'AKID',
      'spark.hadoop.fs.s3a.secret.key': 'SECRET',
    });
  });

  it('maps dbfs:/ onto the workspace’s DBFS root in the bucket, where the warehouse is, as on Databricks', () => {
    expect(sparkConf(input()).conf).toMatchObject({
      'spark.hadoop.fs.dbfs.impl': 'org.apache.hadoop.fs.viewfs.ViewFileSystemOverloadScheme',
      'spark.hadoop.fs.viewfs.mounttable.default.linkFallback': 's3a://brickyard/workspaces/42/dbfs',
      'spark.sql.warehouse.dir': 'dbfs:/user/hive/warehouse',
    });
  });

  it('commits Delta versions by conditional PUT, by s3a: path and through dbfs:', () => {
    expect(sparkConf(input()).conf).toMatchObject({
      'spark.delta.logStore.s3a.impl': 'dev.brickyard.delta.ConditionalPutLogStore',
      'spark.delta.logStore.dbfs.impl': 'dev.brickyard.delta.ConditionalPutLogStore',
      'spark.hadoop.fs.s3a.create.conditional.enabled': 'true',
    });
  });

  it('keeps the dbfs: mapping when spark_conf names it', () => {
    const key = 'spark.hadoop.fs.viewfs.mounttable.default.linkFallback';
    const { conf, ignored } = sparkConf(input({ [key]: 's3a://elsewhere/' }));
    expect(conf[key]).toBe('s3a://brickyard/workspaces/42/dbfs');
    expect(ignored).toEqual([key]);
  });

  it('turns SSL on for an https endpoint', () => {
    const https = input();
    https.config = { ...https.config, s3: { ...s3, endpoint: 'https://s3.example.com' } };
    expect(sparkConf(https).conf['spark.hadoop.fs.s3a.connection.ssl.enabled']).toBe('true');
  });

  it('makes Delta the catalog, with the runtime’s jars loaded from each pod’s own disk', () => {
    expect(sparkConf(input()).conf).toMatchObject({
      'spark.sql.extensions': 'io.delta.sql.DeltaSparkSessionExtension',
      'spark.sql.catalog.spark_catalog': 'org.apache.spark.sql.delta.catalog.DeltaCatalog',
      'spark.jars': 'local:/rt/jars/delta-spark_4.2_2.13-4.4.0.jar,local:/rt/jars/hadoop-aws-3.5.0.jar',
    });
  });

  it('sizes the JVMs for small machines and the node types', () => {
    const options = '-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=48m';
    expect(sparkConf(input()).conf).toMatchObject({
      'spark.sql.shuffle.partitions': '2',
      'spark.databricks.delta.snapshotPartitions': '2',
      'spark.sql.sources.parallelPartitionDiscovery.parallelism': '2',
      'spark.driver.memory': '2048m',
      'spark.executor.memory': '5478m',
      'spark.driver.extraJavaOptions': options,
      'spark.executor.extraJavaOptions': options,
      'spark.pyspark.python': '/rt/venv/bin/python3',
      'spark.ui.showConsoleProgress': 'false',
    });
  });

  it("maps the runtime's class-data archive in the driver and executor JVMs when it has one", () => {
    const { conf } = sparkConf(input({}, { classArchive: '/rt/cds/spark.jsa' }));
    expect(conf['spark.driver.extraJavaOptions']).toMatch(/48m -XX:SharedArchiveFile=\/rt\/cds\/spark\.jsa$/);
    expect(conf['spark.executor.extraJavaOptions']).toMatch(/-XX:SharedArchiveFile=\/rt\/cds\/spark\.jsa$/);
    expect(jvmOptions(undefined)).not.toContain('SharedArchiveFile');
  });

  it('turns graceful decommissioning on, with migration rounds short enough for the drain time', () => {
    expect(sparkConf(input()).conf).toMatchObject({
      'spark.decommission.enabled': 'true',
      'spark.storage.decommission.enabled': 'true',
      'spark.storage.decommission.shuffleBlocks.enabled': 'true',
      'spark.storage.decommission.rddBlocks.enabled': 'true',
      'spark.storage.decommission.replicationReattemptInterval': '2s',
    });
  });

  it.each([
    [
      'replaces a default',
      { 'spark.sql.shuffle.partitions': '16' },
      { 'spark.sql.shuffle.partitions': '16' },
    ],
    ['adds a setting of its own', { 'spark.sql.ansi.enabled': 'true' }, { 'spark.sql.ansi.enabled': 'true' }],
    ['sizes the driver', { 'spark.driver.memory': '1g' }, { 'spark.driver.memory': '1g' }],
    [
      'adds its extensions after Delta’s',
      { 'spark.sql.extensions': 'com.example.Ext' },
      { 'spark.sql.extensions': 'io.delta.sql.DeltaSparkSessionExtension,com.example.Ext' },
    ],
    [
      'adds its jars after the runtime’s',
      { 'spark.jars': '/x.jar' },
      { 'spark.jars': expect.stringMatching(/aws-3\.5\.0\.jar,\/x\.jar$/) },
    ],
    [
      'adds JVM options after Brickyard’s, where they win',
      { 'spark.executor.extraJavaOptions': '-Dfoo=1' },
      { 'spark.executor.extraJavaOptions': expect.stringMatching(/48m -Dfoo=1$/) },
    ],
  ])('the user’s spark_conf %s', (_case, userConf, expected) => {
    const { conf, ignored } = sparkConf(input(userConf));
    expect(conf).toMatchObject(expected);
    expect(ignored).toEqual([]);
  });

  it.each([
    ['spark.master', 'spark://elsewhere:7077', 'spark://127.32.0.5:7077'],
    ['spark.driver.bindAddress', '0.0.0.0', '127.32.0.5'],
    ['spark.connect.grpc.binding.port', '15003', '15002'],
    [
      'spark.sql.catalog.spark_catalog',
      'org.example.Catalog',
      'org.apache.spark.sql.delta.catalog.DeltaCatalog',
    ],
    ['spark.hadoop.fs.s3a.secret.key', 'theirs', 'SECRET'],
  ])('ignores the user’s %s, which Brickyard owns', (key, value, kept) => {
    const { conf, ignored } = sparkConf(input({ [key]: value }));
    expect(conf[key]).toBe(kept);
    expect(ignored).toEqual([key]);
  });

  it('takes a local master in spark_conf as the mode it chose, not as an ignored setting', () => {
    const mode = { kind: 'local', master: 'local[*]' } as const;
    const { conf, ignored } = sparkConf(input({ 'spark.master': 'local[*]' }, { mode }));
    expect({ master: conf['spark.master'], ignored }).toEqual({ master: 'local[*]', ignored: [] });
  });

  it('gives a submitted application the cluster’s settings without the Connect server’s own, in local mode', () => {
    const { conf } = sparkConf(input({ 'spark.driver.extraClassPath': '/opt/extra.jar' }));
    const submitted = submittedAppConf(conf, 2);
    expect(Object.keys(submitted).filter((key) => key.startsWith('spark.connect.'))).toEqual([]);
    expect(submitted).not.toHaveProperty('spark.ui.port');
    expect(submitted).not.toHaveProperty('spark.app.name');
    // The Connect server's application holds every worker core: a second one would get none.
    expect(submitted['spark.master']).toBe('local[2]');
    // S3A on spark-submit's own classpath, to fetch a dbfs:/ application before spark.jars load.
    expect(submitted['spark.driver.extraClassPath']).toBe(
      '/rt/jars/delta-spark_4.2_2.13-4.4.0.jar:/rt/jars/hadoop-aws-3.5.0.jar:/opt/extra.jar',
    );
  });
});

describe('Unity Catalog settings', () => {
  it('makes every catalog a Spark catalog of the plugin, main the current one', () => {
    const { conf } = sparkConf(input({}, { catalogs: ['main', 'sales', 'system'] }));
    expect(conf).toMatchObject({
      'spark.sql.extensions':
        'io.delta.sql.DeltaSparkSessionExtension,dev.brickyard.catalog.UnityCatalogExtensions',
      'spark.sql.defaultCatalog': 'main',
      'spark.sql.catalog.main': 'dev.brickyard.catalog.UnityCatalog',
      'spark.sql.catalog.sales': 'dev.brickyard.catalog.UnityCatalog',
      'spark.sql.catalog.system': 'dev.brickyard.catalog.UnityCatalog',
      'spark.hadoop.fs.s3.impl': 'org.apache.hadoop.fs.s3a.S3AFileSystem',
      'spark.delta.logStore.s3.impl': 'dev.brickyard.delta.ConditionalPutLogStore',
    });
  });

  it('configures main even when the list of catalogs could not be read', () => {
    expect(sparkConf(input({}, { catalogs: [] })).conf['spark.sql.catalog.main']).toBe(
      'dev.brickyard.catalog.UnityCatalog',
    );
  });

  it('leaves the session catalog the current one where the driver cannot reach the API', () => {
    const { conf } = sparkConf(input());
    expect(conf['spark.sql.defaultCatalog']).toBeUndefined();
    expect(Object.keys(conf).filter((key) => key.startsWith('spark.sql.catalog.'))).toEqual([
      'spark.sql.catalog.spark_catalog',
    ]);
  });
});
