import type { ComputeCaller, ComputeCallers } from '@brickyard/common/compute-callers';
import { COMPUTE_CALLER_SETTING } from '@brickyard/common/compute-callers';
import type { Logger } from 'pino';
import type { SparkConnectClient } from '../sql-engine/connect-client.js';
import type { ConnectSessionKey } from './connect-session-key.js';
import { GrpcRefusal, GrpcStatus } from './grpc-status.js';

/** Sessions remembered at once; the oldest are forgotten first (see admit). */
const MAX_SESSIONS = 10_000;

interface Owner {
  userName: string;
  introduced: Promise<void>;
}

/**
 * Databricks Connect sessions on a shared cluster act with their own user's grants. Before the
 * first call of a session reaches the driver, the workspace host sets in it a compute caller
 * credential minted for the caller (as the SQL engine does for a warehouse's sessions), so the
 * session's catalog, which reads it once, carries the caller's grants rather than the cluster
 * creator's. A session is then its introducer's: another user's call for it is refused.
 *
 * A session forgotten while it lives (beyond MAX_SESSIONS, or after an API restart) is introduced
 * again on its next call, by whoever makes it: its catalog keeps the first credential it read, so
 * only a caller who knows another's random session id could borrow that session's grants.
 */
export class ConnectSessionOwners {
  private readonly owners = new Map<string, Owner>();

  constructor(
    private readonly client: () => SparkConnectClient,
    private readonly callers: ComputeCallers,
    private readonly log: Logger,
  ) {}

  /** Lets a call of `caller` go to the session `key` on the driver at `address` (host:port). */
  async admit(address: string, key: ConnectSessionKey, caller: ComputeCaller): Promise<void> {
    const id = JSON.stringify([caller.workspaceId, caller.clusterId, address, key.userId, key.sessionId]);
    let owner = this.owners.get(id);
    if (owner && owner.userName !== caller.userName) {
      throw new GrpcRefusal(GrpcStatus.permissionDenied, 'This Spark session belongs to another user');
    }
    if (!owner) {
      const introduced = this.introduce(address, key, caller);
      owner = { userName: caller.userName, introduced };
      this.remember(id, owner);
      introduced.catch(() => {
        if (this.owners.get(id) === owner) this.owners.delete(id);
      });
    }
    await owner.introduced;
  }

  /** Forgets a session its client released. */
  forget(address: string, key: ConnectSessionKey, caller: ComputeCaller): void {
    const id = JSON.stringify([caller.workspaceId, caller.clusterId, address, key.userId, key.sessionId]);
    if (this.owners.get(id)?.userName === caller.userName) this.owners.delete(id);
  }

  private remember(id: string, owner: Owner): void {
    this.owners.set(id, owner);
    if (this.owners.size <= MAX_SESSIONS) return;
    const oldest = this.owners.keys().next().value;
    if (oldest !== undefined) this.owners.delete(oldest);
  }

  private async introduce(address: string, key: ConnectSessionKey, caller: ComputeCaller): Promise<void> {
    let credential: string;
    try {
      credential = await this.callers.mint(caller);
    } catch (error) {
      this.log.warn({ err: error }, 'Could not mint a compute caller credential for a Spark session');
      throw new GrpcRefusal(GrpcStatus.unavailable, 'Could not open the Spark session for its caller; retry');
    }
    try {
      await this.client().setConfig({ address, ...key }, { [COMPUTE_CALLER_SETTING]: credential });
    } catch (error) {
      if (error instanceof GrpcRefusal) throw error;
      this.log.debug({ err: error, address }, 'Could not introduce a Spark session to its caller');
      throw new GrpcRefusal(GrpcStatus.unavailable, 'The cluster driver cannot be reached');
    }
  }
}
