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

/**
 * The header the API names its caller in on every call to the driver's command service: a
 * context is its creator's, and the command service answers no one else about it. The create
 * call also carries the context's compute caller credential (common compute-callers).
 */
export const COMMAND_USER_HEADER = 'x-brickyard-context-user';
