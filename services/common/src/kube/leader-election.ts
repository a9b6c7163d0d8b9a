import { type CoordinationV1Api, type V1Lease, V1MicroTime } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { isAlreadyExists, isConflict, isNotFound } from './api-errors.js';
import { timeMs } from './kube-time.js';
import { decideLease } from './lease-decision.js';

export type ElectionRole = 'candidate' | 'leader' | 'standby';

export interface LeaderElectionOptions {
  api: CoordinationV1Api;
  namespace: string;
  /** The Lease's name: one per group of replicas that must not run controllers together. */
  name: string;
  /** Unique per replica and per process lifetime. */
  identity: string;
  log: Logger;
  /** Called when this replica becomes the leader. */
  onStartedLeading: () => void;
  /** Called when it stops being the leader without having released the lease (lost it). */
  onStoppedLeading: () => void;
  /** @defaultValue 15 000: how long a lease stays valid after a renewal. */
  leaseDurationMs?: number;
  /** @defaultValue 5 000: how often the leader renews. */
  renewIntervalMs?: number;
  /** @defaultValue 10 000: a leader that could not renew for this long steps down, before its lease runs out. */
  renewDeadlineMs?: number;
  /** @defaultValue 2 000: how often a standby, or a leader whose renewal failed, tries again. */
  retryPeriodMs?: number;
}

/**
 * Leader election over a coordination.k8s.io/v1 Lease, after client-go's leaderelection: the
 * leader renews every few seconds; standbys take over once a renewal is older than the lease
 * duration; every write carries the resourceVersion it read, so two candidates cannot both win.
 */
export class LeaderElector {
  private currentRole: ElectionRole = 'candidate';
  private stopped = false;
  private lastRenewMs = 0;
  private wake: () => void = () => {};
  private loop: Promise<void> | undefined;
  private readonly leaseDurationMs: number;
  private readonly renewIntervalMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;

  constructor(private readonly options: LeaderElectionOptions) {
    this.leaseDurationMs = options.leaseDurationMs ?? 15_000;
    this.renewIntervalMs = options.renewIntervalMs ?? 5_000;
    this.renewDeadlineMs = options.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = options.retryPeriodMs ?? 2_000;
  }

  /** "candidate" until the first look at the Lease, then "leader" or "standby". */
  get role(): ElectionRole {
    return this.currentRole;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops campaigning; the leader then hands the lease over at once instead of letting it run out. */
  async stopAndRelease(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    if (this.currentRole !== 'leader') return;
    try {
      await this.release();
      this.options.log.info({ lease: this.options.name }, 'Released leader Lease');
    } catch (error) {
      this.options.log.warn({ err: error, lease: this.options.name }, 'Failed to release leader Lease');
    }
  }

  private async run(): Promise<void> {
    const { log, name, identity } = this.options;
    while (!this.stopped) {
      let waitMs = this.retryPeriodMs;
      try {
        const attempt = await this.tryAcquireOrRenew();
        if (attempt.held) {
          this.lastRenewMs = Date.now();
          waitMs = this.renewIntervalMs;
          if (this.currentRole !== 'leader') {
            this.currentRole = 'leader';
            log.info({ lease: name, identity }, 'Became leader');
            this.options.onStartedLeading();
          }
        } else {
          waitMs = attempt.retryInMs;
          if (attempt.otherHolder !== undefined) this.stepDown(`Lease held by ${attempt.otherHolder}`);
        }
      } catch (error) {
        log.warn({ err: error, lease: name }, 'Failed to acquire or renew leader Lease');
        if (this.currentRole === 'leader' && Date.now() - this.lastRenewMs > this.renewDeadlineMs) {
          this.stepDown('could not renew within the renew deadline');
        }
      }
      if (!this.stopped) await this.sleep(waitMs);
    }
  }

  private stepDown(why: string): void {
    const wasLeader = this.currentRole === 'leader';
    this.currentRole = 'standby';
    if (!wasLeader) return;
    this.options.log.warn({ lease: this.options.name, why }, 'Lost leadership');
    this.options.onStoppedLeading();
  }

  private async tryAcquireOrRenew(): Promise<
    { held: true } | { held: false; retryInMs: number; otherHolder: string | undefined }
  > {
    const { api, namespace, name, identity } = this.options;
    const now = Date.now();
    const lease = await this.readLease();
    if (!lease) {
      try {
        await api.createNamespacedLease({ namespace, body: this.leaseFor(undefined, now) });
        return { held: true };
      } catch (error) {
        if (isAlreadyExists(error)) return { held: false, retryInMs: 0, otherHolder: undefined };
        throw error;
      }
    }
    const spec = lease.spec ?? {};
    const decision = decideLease(
      {
        holder: spec.holderIdentity,
        renewTimeMs: timeMs(spec.renewTime),
        leaseDurationMs: (spec.leaseDurationSeconds ?? 0) * 1000,
      },
      identity,
      now,
      this.retryPeriodMs,
    );
    if (decision.action === 'wait') {
      return { held: false, retryInMs: decision.retryInMs, otherHolder: spec.holderIdentity };
    }
    try {
      await api.replaceNamespacedLease({ namespace, name, body: this.leaseFor(lease, now) });
      return { held: true };
    } catch (error) {
      // Someone else wrote the Lease first: look at it again right away.
      if (isConflict(error)) return { held: false, retryInMs: 0, otherHolder: undefined };
      throw error;
    }
  }

  private async readLease(): Promise<V1Lease | undefined> {
    const { api, namespace, name } = this.options;
    try {
      return await api.readNamespacedLease({ namespace, name });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** The Lease held by us from `now`: a renewal if we held it, an acquisition otherwise. */
  private leaseFor(current: V1Lease | undefined, now: number): V1Lease {
    const { namespace, name, identity } = this.options;
    const spec = current?.spec ?? {};
    const renewing = spec.holderIdentity === identity;
    return {
      ...current,
      metadata: { ...current?.metadata, name, namespace },
      spec: {
        holderIdentity: identity,
        leaseDurationSeconds: Math.ceil(this.leaseDurationMs / 1000),
        renewTime: new V1MicroTime(now),
        acquireTime: renewing && spec.acquireTime ? spec.acquireTime : new V1MicroTime(now),
        leaseTransitions: renewing ? (spec.leaseTransitions ?? 0) : (spec.leaseTransitions ?? -1) + 1,
      },
    };
  }

  /** Clears the holder and shortens the lease, so a standby takes over on its next look. */
  private async release(): Promise<void> {
    const { api, namespace, name, identity } = this.options;
    const lease = await this.readLease();
    if (lease?.spec?.holderIdentity !== identity) return;
    const now = new V1MicroTime(Date.now());
    await api.replaceNamespacedLease({
      namespace,
      name,
      body: {
        ...lease,
        spec: {
          leaseDurationSeconds: 1,
          renewTime: now,
          acquireTime: now,
          leaseTransitions: lease.spec.leaseTransitions ?? 0,
        },
      },
    });
    this.currentRole = 'standby';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
