import type { RunSettings } from '@brickyard/common/runs';
import { describe, expect, it } from 'vitest';
import { AdmissionControl } from './admission.js';

function run(runId: number, settings: RunSettings, startTime = runId, jobId: number | null = 7) {
  return {
    workspace_id: 1,
    ...(jobId === null ? {} : { job_id: jobId }),
    run_id: runId,
    start_time: startTime,
    settings,
  };
}

describe('max_concurrent_runs', () => {
  it('admits runs of a job up to its limit, then skips them when the job does not queue', () => {
    const admission = new AdmissionControl();
    const settings = { max_concurrent_runs: 2 };
    expect(admission.decide(run(1, settings))).toEqual({ kind: 'admit' });
    expect(admission.decide(run(2, settings))).toEqual({ kind: 'admit' });
    expect(admission.decide(run(3, settings))).toEqual({ kind: 'skip', limit: 2 });
  });

  it('holds runs in the queue when the job queues, and admits the oldest when a slot frees', () => {
    const admission = new AdmissionControl();
    const settings = { max_concurrent_runs: 1, queue: { enabled: true } };
    expect(admission.decide(run(1, settings))).toEqual({ kind: 'admit' });
    expect(admission.decide(run(3, settings, 30))).toEqual({ kind: 'hold', limit: 1 });
    expect(admission.decide(run(2, settings, 20))).toEqual({ kind: 'hold', limit: 1 });
    expect(admission.release(run(1, settings))).toEqual([2, 3]);
    expect(admission.decide(run(3, settings, 30))).toEqual({ kind: 'hold', limit: 1 });
    expect(admission.decide(run(2, settings, 20))).toEqual({ kind: 'admit' });
  });

  it('forgets waiting runs that left the queue, so they do not block younger ones', () => {
    const admission = new AdmissionControl();
    const settings = { max_concurrent_runs: 1, queue: { enabled: true } };
    admission.decide(run(1, settings));
    admission.decide(run(2, settings));
    admission.release(run(1, settings));
    admission.retainWaiting(new Set([3]));
    expect(admission.decide(run(3, settings))).toEqual({ kind: 'admit' });
  });

  it('skips every run when the limit is 0', () => {
    expect(
      new AdmissionControl().decide(run(1, { max_concurrent_runs: 0, queue: { enabled: true } })),
    ).toEqual({
      kind: 'skip',
      limit: 0,
    });
  });

  it('lets one-time runs through without a limit', () => {
    const admission = new AdmissionControl();
    for (let id = 1; id < 5; id++) expect(admission.decide(run(id, {}, id, null))).toEqual({ kind: 'admit' });
  });

  it('defaults the limit to one run at a time', () => {
    const admission = new AdmissionControl();
    admission.track(run(1, {}));
    expect(admission.decide(run(2, {}))).toEqual({ kind: 'skip', limit: 1 });
  });
});
