import { DriverPorts } from '@brickyard/common/driver-ports';
import { DBFS_FILE_SYSTEM_SETTINGS, dbfsFileSystemConf } from './dbfs-file-system-conf.js';
import { driverHeapMb, workerOfferMb } from './memory-plan.js';
import type { SparkEngineConfig } from './spark-engine-config.js';
import { masterUrlOf, type SparkMode } from './spark-mode.js';

/**
 * The Spark settings of a cluster's application (the Spark Connect server and its executors):
 * Brickyard's defaults, then the cluster's spark_conf over them, except for the settings
 * Brickyard must own.
 */

/**
 * JVM options that cut peak RSS by ~15% and halved the time of Delta operations on 2 cores
 * (reference/spark-runtime-notes.md). A cap on metaspace is not among them: 192m ran out.
 */
const JVM_OPTIONS = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:ReservedCodeCacheSize=48m'];

/**
 * The options of every Spark JVM of a pod: the small-machine settings, and the class-data archive
 * when the runtime has one (its classes are mapped, not loaded: a JVM starts in about half the time).
 */
export function jvmOptions(classArchive: string | undefined): string {
  return [...JVM_OPTIONS, ...(classArchive ? [`-XX:SharedArchiveFile=${classArchive}`] : [])].join(' ');
}

/** The default parallelism of the small machines Brickyard runs on: VACUUM's listing alone ran 10,000 tasks. */
const SMALL_MACHINE_PARALLELISM = '2';

/**
 * Delta commits on S3, by path (`s3a:`) or through DBFS (`dbfs:`), go through the runtime's log
 * store (services/worker/jvm): a commit is a PUT with If-None-Match, so the store refuses a
 * second writer of a version whichever cluster it is on.
 */
const DELTA_COMMIT_SETTINGS: Readonly<Record<string, string>> = {
  'spark.delta.logStore.s3a.impl': 'dev.brickyard.delta.ConditionalPutLogStore',
  'spark.delta.logStore.s3.impl': 'dev.brickyard.delta.ConditionalPutLogStore',
  'spark.delta.logStore.dbfs.impl': 'dev.brickyard.delta.ConditionalPutLogStore',
  'spark.hadoop.fs.s3a.create.conditional.enabled': 'true',
  // Unity Catalog's locations are `s3://` URLs, as on Databricks: S3A serves that scheme too.
  'spark.hadoop.fs.s3.impl': 'org.apache.hadoop.fs.s3a.S3AFileSystem',
};

/** The runtime's Spark catalog plugin (services/worker/jvm): one Unity Catalog catalog each. */
const UNITY_CATALOG_PLUGIN = 'dev.brickyard.catalog.UnityCatalog';
/** Delta's SQL, and the Databricks statements about catalogs and volumes the runtime adds. */
const DELTA_EXTENSION = 'io.delta.sql.DeltaSparkSessionExtension';
const UNITY_CATALOG_EXTENSION = 'dev.brickyard.catalog.UnityCatalogExtensions';
/** The workspace's default catalog, where one- and two-part names resolve. */
const DEFAULT_CATALOG = 'main';

/**
 * Every Unity Catalog catalog as a Spark catalog, `main` the current one. Spark knows the catalogs
 * it is configured with; one created later is still reached through the plugin (it routes
 * `catalog.schema.table` from the current catalog), only SHOW CATALOGS omits it until a restart.
 */
function unityCatalogSettings(catalogs: readonly string[]): Record<string, string> {
  const names = new Set([DEFAULT_CATALOG, ...catalogs]);
  return {
    'spark.sql.extensions': `${DELTA_EXTENSION},${UNITY_CATALOG_EXTENSION}`,
    'spark.sql.defaultCatalog': DEFAULT_CATALOG,
    ...Object.fromEntries([...names].map((name) => [`spark.sql.catalog.${name}`, UNITY_CATALOG_PLUGIN])),
  };
}

/**
 * Settings the user's spark_conf cannot change, because the pod's wiring depends on them: where the
 * driver and Connect listen, which master it uses (a `local[...]` master is honoured through the
 * cluster's mode instead), the catalog Delta needs, and the object store of the workspace.
 */
const OWNED_SETTINGS: readonly string[] = [
  'spark.master',
  'spark.submit.deployMode',
  'spark.databricks.clusterUsageTags.clusterId',
  'spark.driver.host',
  'spark.driver.bindAddress',
  'spark.connect.grpc.binding.address',
  'spark.connect.grpc.binding.port',
  'spark.ui.port',
  'spark.sql.catalog.spark_catalog',
  'spark.hadoop.fs.s3a.endpoint',
  'spark.hadoop.fs.s3a.endpoint.region',
  'spark.hadoop.fs.s3a.path.style.access',
  'spark.hadoop.fs.s3a.connection.ssl.enabled',
  'spark.hadoop.fs.s3a.aws.credentials.provider',
  'spark.hadoop.fs.s3a.access.key',
  'spark.hadoop.fs.s3a.secret.key',
  ...DBFS_FILE_SYSTEM_SETTINGS,
  ...Object.keys(DELTA_COMMIT_SETTINGS),
];

/** Lists the user extends rather than replaces: Brickyard's entries first, theirs after. */
const APPENDED_SETTINGS: Readonly<Record<string, string>> = {
  'spark.jars': ',',
  'spark.sql.extensions': ',',
  'spark.driver.extraJavaOptions': ' ',
  'spark.executor.extraJavaOptions': ' ',
};

export interface SparkConfInput {
  config: Pick<
    SparkEngineConfig,
    'clusterId' | 'podIp' | 'workspaceId' | 's3' | 'nodeType' | 'workerNodeType' | 'userConf'
  >;
  mode: SparkMode;
  /** Absolute paths of the jars every JVM of the application needs. */
  jars: readonly string[];
  /** The Python of the runtime's venv, for the Python workers of UDFs. */
  python: string;
  /** The runtime's class-data archive, if it has one. */
  classArchive: string | undefined;
  /** The workspace's Unity Catalog catalogs when the driver starts; undefined without the API. */
  catalogs: readonly string[] | undefined;
}

export interface SparkConf {
  conf: Record<string, string>;
  /** Keys of the user's spark_conf that were ignored because Brickyard owns them. */
  ignored: string[];
}

function objectStoreSettings(s3: SparkEngineConfig['s3']): Record<string, string> {
  const prefix = 'spark.hadoop.fs.s3a.';
  return {
    [`${prefix}endpoint`]: s3.endpoint,
    // Pinned so that the AWS SDK never probes instance metadata for a region.
    [`${prefix}endpoint.region`]: s3.region,
    [`${prefix}path.style.access`]: 'true',
    [`${prefix}connection.ssl.enabled`]: String(s3.endpoint.startsWith('https:')),
    [`${prefix}aws.credentials.provider`]: 'org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider',
    [`${prefix}access.key`]: s3.accessKeyId,
    [`${prefix}secret.key`]: s3.secretAccessKey,
  };
}

const DECOMMISSION_SETTINGS: Readonly<Record<string, string>> = {
  'spark.decommission.enabled': 'true',
  'spark.storage.decommission.enabled': 'true',
  'spark.storage.decommission.shuffleBlocks.enabled': 'true',
  'spark.storage.decommission.rddBlocks.enabled': 'true',
  // An executor exits once a migration round has finished after its last task: rounds every 2 s
  // (30 s by default, beyond a worker pod's drain time) let it go within seconds.
  'spark.storage.decommission.replicationReattemptInterval': '2s',
};

function brickyardDefaults(input: SparkConfInput): Record<string, string> {
  const { config, mode } = input;
  return {
    'spark.master': mode.kind === 'local' ? mode.master : masterUrlOf(config.podIp),
    'spark.submit.deployMode': 'client',
    'spark.app.name': 'Databricks Shell',
    // As on Databricks: code (and a Databricks Connect client) reads which cluster it runs on here.
    'spark.databricks.clusterUsageTags.clusterId': config.clusterId,
    'spark.driver.host': config.podIp,
    'spark.driver.bindAddress': config.podIp,
    'spark.connect.grpc.binding.address': config.podIp,
    'spark.connect.grpc.binding.port': String(DriverPorts.sparkConnect),
    // Fixed rather than the next free port from 4040: each pod has an address of its own.
    'spark.ui.port': String(DriverPorts.sparkUi),
    // `local:` because every pod has the runtime at the same path: executors load the jars from
    // their own disk instead of fetching 27 MB from the driver each.
    'spark.jars': input.jars.map((jar) => `local:${jar}`).join(','),
    'spark.sql.extensions': DELTA_EXTENSION,
    'spark.sql.catalog.spark_catalog': 'org.apache.spark.sql.delta.catalog.DeltaCatalog',
    ...(input.catalogs ? unityCatalogSettings(input.catalogs) : {}),
    ...objectStoreSettings(config.s3),
    ...dbfsFileSystemConf(config.s3.bucket, config.workspaceId),
    ...DELTA_COMMIT_SETTINGS,
    'spark.sql.warehouse.dir': 'dbfs:/user/hive/warehouse',
    // As on Databricks: a table or a write without a format is Delta.
    'spark.sql.sources.default': 'delta',
    'spark.sql.shuffle.partitions': SMALL_MACHINE_PARALLELISM,
    'spark.databricks.delta.snapshotPartitions': SMALL_MACHINE_PARALLELISM,
    'spark.sql.sources.parallelPartitionDiscovery.parallelism': SMALL_MACHINE_PARALLELISM,
    'spark.driver.memory': `${driverHeapMb(config.nodeType, mode)}m`,
    'spark.driver.extraJavaOptions': jvmOptions(input.classArchive),
    'spark.executor.memory': `${workerOfferMb(config.workerNodeType)}m`,
    'spark.executor.extraJavaOptions': jvmOptions(input.classArchive),
    'spark.pyspark.python': input.python,
    'spark.ui.showConsoleProgress': 'false',
    // Graceful decommissioning: a worker pod that is removed (scale-down) decommissions its Worker
    // first; its executors take no new tasks and move their shuffle and cached blocks to others.
    ...DECOMMISSION_SETTINGS,
  };
}

/** The application's settings: Brickyard's, the user's over them where allowed, and what was ignored. */
export function sparkConf(input: SparkConfInput): SparkConf {
  const conf = brickyardDefaults(input);
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(input.config.userConf)) {
    const separator = APPENDED_SETTINGS[key];
    if (OWNED_SETTINGS.includes(key)) {
      // A local master is the cluster's mode, already applied; anything else is refused.
      const applied =
        key === 'spark.master' && input.mode.kind === 'local' && value.trim() === input.mode.master;
      if (!applied) ignored.push(key);
    } else if (separator !== undefined && conf[key] && value.trim() !== '') {
      conf[key] = `${conf[key]}${separator}${value.trim()}`;
    } else {
      conf[key] = value;
    }
  }
  return { conf, ignored };
}

/**
 * The settings of an application a task submits on the driver pod (spark_submit_task,
 * spark_jar_task): the cluster's, without what belongs to its Spark Connect server (its gRPC
 * address, its UI port, its name), on a local master of the driver's cores. The cluster's master
 * would give it no executors: the Connect server's application holds every worker core.
 */
export function submittedAppConf(
  conf: Readonly<Record<string, string>>,
  driverCores: number,
): Record<string, string> {
  const own = (key: string) =>
    key.startsWith('spark.connect.') || key === 'spark.ui.port' || key === 'spark.app.name';
  const submitted = Object.fromEntries(Object.entries(conf).filter(([key]) => !own(key)));
  submitted['spark.master'] = `local[${driverCores}]`;
  // spark-submit fetches the application's jar or file (dbfs:/..., s3a://...) before it loads
  // spark.jars: S3A and the rest must be on its own classpath already.
  const jars = (conf['spark.jars'] ?? '')
    .split(',')
    .filter((jar) => jar !== '')
    .map((jar) => jar.replace(/^local:/, ''));
  const classPath = [...jars, conf['spark.driver.extraClassPath'] ?? ''].filter((entry) => entry !== '');
  if (classPath.length > 0) submitted['spark.driver.extraClassPath'] = classPath.join(':');
  return submitted;
}
