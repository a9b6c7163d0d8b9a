/**
 * Databricks Runtime versions Brickyard accepts. Keys parse the way the SDKs' select_spark_version
 * and Databricks Connect expect (`19.3.x-scala2.13`, with -cpu-ml- variants); names carry the
 * Spark and Scala versions. Every listed runtime is the real Apache Spark of the Spark runtime
 * (README "Runtime versions"); Databricks Connect 19.x refuses clusters below 19.3.
 */
export interface SparkVersion {
  key: string;
  name: string;
}

/** What a cluster's pods run: real Spark, or only the task runtime (no JVMs). */
export type SparkEngine = 'spark' | 'none';

const RUNTIMES: { version: string; spark: string; scala: string }[] = [
  { version: '19.3', spark: '4.2.0', scala: '2.13' },
];

export const SPARK_VERSIONS: readonly SparkVersion[] = RUNTIMES.flatMap(({ version, spark, scala }) => {
  const includes = `(includes Apache Spark ${spark}, Scala ${scala})`;
  return [
    { key: `${version}.x-scala${scala}`, name: `${version} ${includes}` },
    { key: `${version}.x-cpu-ml-scala${scala}`, name: `${version} ML ${includes}` },
  ];
});

/**
 * A runtime that is accepted but never listed: its pods start no Spark, only the task runtime.
 * The control-plane tests (lifecycle, scheduling, API) use it so that `make test` fits CI's time
 * and memory; what users see in clusters/spark-versions always runs real Spark.
 */
const NO_SPARK_RUNTIME = '19.3.x-no-spark-scala2.13';

export function isKnownSparkVersion(key: string): boolean {
  return key === NO_SPARK_RUNTIME || SPARK_VERSIONS.some((version) => version.key === key);
}

/** The engine of an accepted runtime key. */
export function sparkEngineOf(key: string): SparkEngine {
  return key === NO_SPARK_RUNTIME ? 'none' : 'spark';
}
