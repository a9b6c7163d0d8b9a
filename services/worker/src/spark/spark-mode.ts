import { DriverPorts } from '@brickyard/common/driver-ports';
/**
 * How a cluster runs Spark. Databricks runs a cluster with `num_workers: 0` (the "Single Node"
 * form: `spark.databricks.cluster.profile=singleNode`, `spark.master=local[*]`) as local mode on
 * the driver: no master, no workers, the driver's cores do the work. Every other cluster is a
 * standalone master on the driver pod, with one Worker per worker pod and the Spark Connect server
 * as the application's driver.
 */
export type SparkMode = { kind: 'local'; master: string } | { kind: 'standalone' };

/**
 * Local mode when spark_conf asks for it (a `local[...]` master, kept as given, or the singleNode
 * profile) or when the operator says the cluster has a fixed size of no workers (BRICKYARD_SINGLE_NODE);
 * standalone otherwise, including when the operator did not say.
 */
export function sparkMode(
  userConf: Readonly<Record<string, string>>,
  singleNode: boolean | undefined,
  cores: number,
): SparkMode {
  const master = userConf['spark.master']?.trim();
  if (master?.startsWith('local')) return { kind: 'local', master };
  if (userConf['spark.databricks.cluster.profile'] === 'singleNode' || singleNode === true) {
    return { kind: 'local', master: `local[${cores}]` };
  }
  return { kind: 'standalone' };
}

/** The master URL a driver pod serves and its workers register with. */
export function masterUrlOf(podIp: string): string {
  return `spark://${podIp}:${DriverPorts.master}`;
}
