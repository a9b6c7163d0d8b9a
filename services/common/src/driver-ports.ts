/**
 * The ports a cluster's driver pod serves on its own address. The runtime listens on them and the
 * API's workspace host reaches them (Spark Connect, the Command Execution API, the driver proxy).
 */
export const DriverPorts = {
  /** Spark Connect, the server Databricks Connect and the notebooks' sessions talk to. */
  sparkConnect: 15002,
  /** The Spark UI and the monitoring REST API (/api/v1) of the cluster's application. */
  sparkUi: 4040,
  /** The standalone master (workers register here). */
  master: 7077,
  /** The standalone master's web UI; its /json/ lists the registered workers. */
  masterUi: 8080,
  /** The runtime's execution contexts: the Command Execution API (/api/1.2) on the cluster. */
  commands: 6061,
} as const;
