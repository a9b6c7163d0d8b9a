import type { RunRecord } from '@brickyard/common/runs';
import { type BookedRun, booked, stateOf, terminationOf } from './run-book.js';

/** The transitions of a QUEUED run: claimed by the scheduler, held in the queue, or skipped. */

export const QUEUE_REASON = 'Queued due to reaching maximum concurrent runs of the job.';
const QUEUE_DETAILS_CODE = 'MAX_CONCURRENT_RUNS_REACHED';

/** The scheduler takes the run: PENDING, and its tasks wait for the planner to place them. */
export function claimRun(input: RunRecord, now: number): BookedRun {
  const run = structuredClone(booked(input));
  run.scheduler = { claimed_at: now };
  const pending = stateOf('PENDING', 'Waiting for cluster.');
  run.state = pending.state;
  run.status = pending.status;
  run.queue_duration = Math.max(0, now - run.start_time);
  return run;
}

/** The run stays QUEUED because the job is at its concurrency limit; undefined when already said. */
export function holdInQueue(input: RunRecord, limit: number): RunRecord | undefined {
  if (input.state.queue_reason === QUEUE_REASON) return undefined;
  const message = `${QUEUE_REASON} (max_concurrent_runs is ${limit})`;
  return {
    ...input,
    state: { ...input.state, queue_reason: QUEUE_REASON },
    status: { ...input.status, queue_details: { code: QUEUE_DETAILS_CODE, message } },
  };
}

/** The run is skipped: the job is at its limit and its runs are not queued (or the limit is 0). */
export function skipRun(input: RunRecord, now: number, limit: number): RunRecord {
  const message =
    limit === 0
      ? 'The run was skipped: the job allows no concurrent runs (max_concurrent_runs is 0).'
      : `The run was skipped because the job already has ${limit} active run${limit === 1 ? '' : 's'} (max_concurrent_runs).`;
  const skipped = stateOf('SKIPPED', message, {
    result: 'MAXIMUM_CONCURRENT_RUNS_REACHED',
    termination: terminationOf('MAXIMUM_CONCURRENT_RUNS_REACHED'),
  });
  const { cancel_requested: _cancel, ...rest } = input;
  return {
    ...rest,
    ...skipped,
    end_time: now,
    run_duration: Math.max(0, now - input.start_time),
    queue_duration: Math.max(0, now - input.start_time),
    tasks: input.tasks.map((task) => ({
      ...task,
      ...structuredClone(skipped),
      end_time: now,
    })),
  };
}
