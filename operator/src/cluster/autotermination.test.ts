import { describe, expect, it } from 'vitest';
import { type AutoterminationInput, latestActivity, shouldAutoTerminate } from './autotermination.js';

const now = 10_000_000;
const minute = 60_000;

describe('latestActivity', () => {
  interface Case {
    known: number | undefined;
    demand: Parameters<typeof latestActivity>[1];
    expected: number | undefined;
  }
  const cases: Record<string, Case> = {
    'is now while tasks are queued or running': {
      known: now - minute,
      demand: { queued: 1, running: 0 },
      expected: now,
    },
    'is when the demand last changed, for a change between two polls': {
      known: now - 5 * minute,
      demand: { queued: 0, running: 0, updatedAtMs: now - minute },
      expected: now - minute,
    },
    'keeps what it knew when the demand changed earlier than that': {
      known: now - minute,
      demand: { queued: 0, running: 0, updatedAtMs: now - 5 * minute },
      expected: now - minute,
    },
    'does not believe a change in the future': {
      known: undefined,
      demand: { queued: 0, running: 0, updatedAtMs: now + minute },
      expected: now,
    },
    'keeps what it knew when there is no demand hash': {
      known: now - minute,
      demand: { queued: 0, running: 0 },
      expected: now - minute,
    },
    'keeps what it knew when the demand is unknown': {
      known: now - minute,
      demand: undefined,
      expected: now - minute,
    },
  };
  it.each(Object.entries(cases))('%s', (_name, { known, demand, expected }) => {
    expect(latestActivity(known, demand, now)).toBe(expected);
  });
});

describe('shouldAutoTerminate', () => {
  const idle: AutoterminationInput = {
    autoterminationMinutes: 10,
    minuteMs: minute,
    demand: { queued: 0, running: 0 },
    idleSinceMs: now - 10 * minute,
    now,
  };
  const cases: Record<string, [Partial<AutoterminationInput>, boolean]> = {
    'terminates a cluster idle for its autotermination minutes': [{}, true],
    'waits until the minutes are up': [{ idleSinceMs: now - 10 * minute + 1 }, false],
    'never terminates with autotermination off (0)': [{ autoterminationMinutes: 0 }, false],
    'never terminates without autotermination set': [{ autoterminationMinutes: undefined }, false],
    'never terminates while tasks are running': [{ demand: { queued: 0, running: 1 } }, false],
    'never terminates while tasks are queued': [{ demand: { queued: 2, running: 0 } }, false],
    'never terminates when the demand is unknown': [{ demand: undefined }, false],
    'counts in the configured minute (tests shorten it)': [{ minuteMs: 100, idleSinceMs: now - 1_000 }, true],
  };
  it.each(Object.entries(cases))('%s', (_name, [input, expected]) => {
    expect(shouldAutoTerminate({ ...idle, ...input })).toBe(expected);
  });
});
