/** What a candidate knows of the Lease: who holds it and until when. */
export interface LeaseView {
  holder: string | undefined;
  renewTimeMs: number | undefined;
  leaseDurationMs: number;
}

export type LeaseDecision =
  /** We hold it: renew. */
  | { action: 'renew' }
  /** Nobody holds a live lease (released, never held, or expired): take it. */
  | { action: 'acquire' }
  /** Another candidate holds a live lease: look again in `retryInMs`. */
  | { action: 'wait'; retryInMs: number };

/**
 * The candidate's move, given the Lease. A lease is live until renewTime + leaseDuration; a
 * standby looks again every `retryPeriodMs`, or right at expiry if that comes first, so that it
 * takes over as soon as the dead leader's last renewal runs out.
 *
 * Expiry is judged against the holder's renewTime, so candidates are assumed to share a clock
 * (one machine, or NTP-synchronised nodes) to well within the lease duration.
 */
export function decideLease(
  lease: LeaseView,
  identity: string,
  nowMs: number,
  retryPeriodMs: number,
): LeaseDecision {
  if (lease.holder === identity) return { action: 'renew' };
  if (!lease.holder || lease.renewTimeMs === undefined) return { action: 'acquire' };
  const expiresAt = lease.renewTimeMs + lease.leaseDurationMs;
  if (nowMs >= expiresAt) return { action: 'acquire' };
  return { action: 'wait', retryInMs: Math.min(retryPeriodMs, expiresAt - nowMs) };
}
