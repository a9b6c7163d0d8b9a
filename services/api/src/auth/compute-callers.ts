import { hash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { temporarilyUnavailable } from '../errors/databricks-error.js';

/**
 * A SQL warehouse runs the statements of many callers in one Spark, and its catalog calls reach
 * the API with the pod's own token. So that each statement reads with its own caller's grants,
 * the API mints a credential for each Spark session it opens on a warehouse and sets it in the
 * session (COMPUTE_CALLER_SETTING); the runtime's catalog plugin sends it back with every call
 * (COMPUTE_CALLER_HEADER). The credential names its caller and is honoured only together with a
 * token of a pod of the cluster it was minted for (caller.ts): a user who reads their own from
 * their session can do no more with it than they can already, and a value that was not minted
 * is refused.
 */

/** Whose grants a warehouse's catalog calls carry, and from which cluster's pods. */
export interface ComputeCaller {
  workspaceId: number;
  /** The warehouse's Cluster (warehouseClusterId). */
  clusterId: string;
  userName: string;
}

/** The header the runtime's catalog plugin sends the credential in. */
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

/** A credential: 256 random bits, stored only as its hash. */
function newCredential(): string {
  return `dbcc${randomBytes(32).toString('hex')}`;
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

/** The credentials, in Redis so that any API replica honours what another minted. */
export class ComputeCallers {
  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
  ) {}

  async mint(caller: ComputeCaller): Promise<string> {
    const credential = newCredential();
    await this.redis.set(keyOf(credential), JSON.stringify(caller), 'EX', IDLE_TTL_SECONDS);
    return credential;
  }

  /** The caller a credential was minted for, or undefined for one never minted or expired. */
  async resolve(credential: string): Promise<ComputeCaller | undefined> {
    try {
      return parse(await this.redis.getex(keyOf(credential), 'EX', IDLE_TTL_SECONDS));
    } catch (error) {
      this.log.warn({ err: error }, 'Could not look up a compute caller credential');
      throw temporarilyUnavailable('Could not verify the caller of this statement; retry');
    }
  }

  close(): void {
    this.redis.disconnect();
  }
}
