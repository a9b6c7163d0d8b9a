import { hash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A compute runs the code of many callers in one Spark, and its catalog and secrets calls reach
 * the API with the pod's own token. So that each caller's code acts with its own caller's grants,
 * a credential is minted for each piece of work: the API mints one for each Spark session it opens
 * on a SQL warehouse and for each execution context on a cluster; the scheduler one for each task
 * run it dispatches to a cluster, for the run's run-as user. The runtime sets it in the work's
 * Spark session (COMPUTE_CALLER_SETTING), and the catalog plugin and the worker send it back with
 * every call (COMPUTE_CALLER_HEADER). The API honours it only together with a token of a pod of
 * the cluster it was minted for: a user who reads their own from their session can do no more with
 * it than they can already, and a value that was not minted is refused.
 */

/** Whose grants a compute's calls carry, and from which cluster's pods. */
export interface ComputeCaller {
  workspaceId: number;
  /** The cluster, or a warehouse's Cluster (warehouseClusterId). */
  clusterId: string;
  userName: string;
}

/** The header the runtime's catalog plugin and worker send the credential in. */
export const COMPUTE_CALLER_HEADER = 'x-brickyard-compute-caller';
/**
 * The Spark session setting the plugin reads the credential from; `token` in its name keeps its
 * value out of Spark's UI and logs (spark.redaction.regex).
 */
export const COMPUTE_CALLER_SETTING = 'spark.brickyard.computeCaller.token';

/**
 * A credential lasts this long after its last use, beyond any session: the API releases idle
 * sessions after 5 minutes and the driver after an hour, but one statement may run for hours
 * before its commit calls the catalog.
 */
const IDLE_TTL_SECONDS = 12 * 3600;
const KEY_PREFIX = 'brickyard:compute-caller:';

const CREDENTIAL_PREFIX = 'dbcc';

/** A credential: 256 random bits, stored only as its hash. */
function newCredential(): string {
  return `${CREDENTIAL_PREFIX}${randomBytes(32).toString('hex')}`;
}

/**
 * Whether a bearer token is a compute caller credential: a notebook's or task's process also has
 * its credential as its API token (DATABRICKS_TOKEN), as Databricks gives notebooks one.
 */
export function isComputeCallerCredential(token: string): boolean {
  return token.startsWith(CREDENTIAL_PREFIX);
}

const keyOf = (credential: string) => KEY_PREFIX + hash('sha256', credential, 'hex');

function parse(text: string | null): ComputeCaller | undefined {
  if (!text) return undefined;
  const value = JSON.parse(text) as Partial<ComputeCaller>;
  const { workspaceId, clusterId, userName } = value;
  if (typeof workspaceId !== 'number' || typeof clusterId !== 'string' || typeof userName !== 'string')
    return undefined;
  return { workspaceId, clusterId, userName };
}

/**
 * The credentials, in Redis so that any API replica honours what another (or the scheduler)
 * minted. The Redis connection is the caller's to close.
 */
export class ComputeCallers {
  constructor(private readonly redis: Redis) {}

  async mint(caller: ComputeCaller): Promise<string> {
    const credential = newCredential();
    await this.redis.set(keyOf(credential), JSON.stringify(caller), 'EX', IDLE_TTL_SECONDS);
    return credential;
  }

  /**
   * The caller a credential was minted for, or undefined for one never minted or expired; using
   * it keeps it alive. Rejects when Redis cannot answer.
   */
  async resolve(credential: string): Promise<ComputeCaller | undefined> {
    return parse(await this.redis.getex(keyOf(credential), 'EX', IDLE_TTL_SECONDS));
  }
}
