/**
 * Which of a cluster's Spark settings a warm driver can take after it started. Spark reads a new
 * session's settings from its context's, so settings a session may hold (which cluster this is,
 * `spark.sql.catalog.<name>`) reach every session made after they are set. Everything else (the
 * master, memory, extensions, jars, the user's spark_conf) is fixed at the JVM's start: a
 * cluster that differs there gets its driver started afresh.
 */

const CLUSTER_ID_SETTING = 'spark.databricks.clusterUsageTags.clusterId';
/** Databricks' single-node form names itself here; the master and the size make the mode. */
const PROFILE_SETTING = 'spark.databricks.cluster.profile';
/** A catalog of the workspace; spark_catalog, the session catalog, is the JVM's own. */
const CATALOG_SETTING = /^spark\.sql\.catalog\.(?!spark_catalog$)[^.]+$/;

function isLate(key: string): boolean {
  return key === CLUSTER_ID_SETTING || key === PROFILE_SETTING || CATALOG_SETTING.test(key);
}

/**
 * `local[*]` (what Databricks' single-node clusters set) is every core of the instance: on a warm
 * driver of the node type, the `local[<cores>]` it runs.
 */
function sameMaster(warm: string | undefined, wanted: string | undefined, cores: number): boolean {
  return warm === wanted || (wanted?.replaceAll(' ', '') === 'local[*]' && warm === `local[${cores}]`);
}

/**
 * The settings to give a warm driver started with `warm` on a node of `cores` cores so that it
 * runs as one started with `wanted`; undefined when they differ in a setting fixed at start.
 */
export function lateSettings(
  warm: Readonly<Record<string, string>>,
  wanted: Readonly<Record<string, string>>,
  cores: number,
): Record<string, string> | undefined {
  const late: Record<string, string> = {};
  for (const key of new Set([...Object.keys(warm), ...Object.keys(wanted)])) {
    const value = wanted[key];
    if (warm[key] === value) continue;
    if (key === 'spark.master' && sameMaster(warm[key], value, cores)) continue;
    if (value === undefined || !isLate(key)) return undefined;
    late[key] = value;
  }
  return late;
}
