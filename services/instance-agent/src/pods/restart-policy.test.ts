import { describe, expect, it } from 'vitest';
import { restartDelayMs, restartPolicyOf, shouldRestart } from './restart-policy.js';

describe('shouldRestart', () => {
  it.each([
    { policy: 'Always', exitCode: 0, restart: true, sentence: 'Always restarts a clean exit' },
    { policy: 'Always', exitCode: 1, restart: true, sentence: 'Always restarts a failure' },
    { policy: 'OnFailure', exitCode: 0, restart: false, sentence: 'OnFailure leaves a clean exit' },
    { policy: 'OnFailure', exitCode: 137, restart: true, sentence: 'OnFailure restarts a failure' },
    { policy: 'Never', exitCode: 0, restart: false, sentence: 'Never leaves a clean exit' },
    { policy: 'Never', exitCode: 3, restart: false, sentence: 'Never leaves a failure' },
  ] as const)('$sentence', ({ policy, exitCode, restart }) => {
    expect(shouldRestart(policy, exitCode)).toBe(restart);
  });
});

describe('restartPolicyOf', () => {
  it.each([
    { value: undefined, policy: 'Always', sentence: 'an unset policy is Always' },
    { value: 'OnFailure', policy: 'OnFailure', sentence: 'OnFailure is kept' },
    { value: 'Never', policy: 'Never', sentence: 'Never is kept' },
  ])('$sentence', ({ value, policy }) => {
    expect(restartPolicyOf(value)).toBe(policy);
  });
});

describe('restartDelayMs', () => {
  const backoff = { initialMs: 1_000, maxMs: 10_000 };
  it.each([
    { exits: 1, delay: 0, sentence: 'the first restart is immediate' },
    { exits: 2, delay: 1_000, sentence: 'the second waits the initial delay' },
    { exits: 3, delay: 2_000, sentence: 'each further exit doubles the delay' },
    { exits: 5, delay: 8_000, sentence: 'doubling continues below the cap' },
    { exits: 6, delay: 10_000, sentence: 'the delay stops at the cap' },
    { exits: 40, delay: 10_000, sentence: 'a long crash loop stays at the cap' },
  ])('$sentence', ({ exits, delay }) => {
    expect(restartDelayMs(exits, backoff)).toBe(delay);
  });
});
