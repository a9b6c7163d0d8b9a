/**
 * Databricks Runtime versions Brickyard accepts. Keys parse the way the SDKs' select_spark_version
 * expects (`15.4.x-scala2.12`, with -cpu-ml- variants); names carry "LTS" and the Spark version.
 */
export interface SparkVersion {
  key: string;
  name: string;
}

const RUNTIMES: { version: string; spark: string; scala: string; lts: boolean }[] = [
  { version: '13.3', spark: '3.4.1', scala: '2.12', lts: true },
  { version: '14.3', spark: '3.5.0', scala: '2.12', lts: true },
  { version: '15.4', spark: '3.5.0', scala: '2.12', lts: true },
  { version: '16.4', spark: '3.5.2', scala: '2.12', lts: true },
  { version: '17.3', spark: '4.0.0', scala: '2.13', lts: true },
];

export const SPARK_VERSIONS: readonly SparkVersion[] = RUNTIMES.flatMap(({ version, spark, scala, lts }) => {
  const label = `${version}${lts ? ' LTS' : ''}`;
  const includes = `(includes Apache Spark ${spark}, Scala ${scala})`;
  return [
    { key: `${version}.x-scala${scala}`, name: `${label} ${includes}` },
    { key: `${version}.x-cpu-ml-scala${scala}`, name: `${label} ML ${includes}` },
  ];
});

export function isKnownSparkVersion(key: string): boolean {
  return SPARK_VERSIONS.some((version) => version.key === key);
}
