import { describe, expect, it } from 'vitest';
import { decideLease, type LeaseDecision, type LeaseView } from './lease-decision.js';

describe('decideLease', () => {
  const now = 100_000;
  const live = { leaseDurationMs: 15_000 };
  const cases: Record<string, { lease: LeaseView; decision: LeaseDecision }> = {
    'renews a lease it holds': {
      lease: { ...live, holder: 'me', renewTimeMs: now - 1_000 },
      decision: { action: 'renew' },
    },
    'renews a lease it holds even if it has run out, since nobody took it': {
      lease: { ...live, holder: 'me', renewTimeMs: now - 60_000 },
      decision: { action: 'renew' },
    },
    'acquires a lease that was released': {
      lease: { ...live, holder: undefined, renewTimeMs: now - 1_000 },
      decision: { action: 'acquire' },
    },
    'acquires a lease whose holder stopped renewing longer than the lease duration ago': {
      lease: { ...live, holder: 'other', renewTimeMs: now - 15_000 },
      decision: { action: 'acquire' },
    },
    'acquires a lease that names a holder but no renew time': {
      lease: { ...live, holder: 'other', renewTimeMs: undefined },
      decision: { action: 'acquire' },
    },
    'waits one retry period while another holder renews': {
      lease: { ...live, holder: 'other', renewTimeMs: now - 1_000 },
      decision: { action: 'wait', retryInMs: 2_000 },
    },
    'looks again right at expiry when that comes before the next retry': {
      lease: { ...live, holder: 'other', renewTimeMs: now - 14_500 },
      decision: { action: 'wait', retryInMs: 500 },
    },
  };

  it.each(Object.entries(cases))('%s', (_name, { lease, decision }) => {
    expect(decideLease(lease, 'me', now, 2_000)).toEqual(decision);
  });
});
