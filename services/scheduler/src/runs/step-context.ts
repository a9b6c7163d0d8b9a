import type { RunObservations } from './observations.js';

export interface PlanSettings {
  /** How long a task waits for its cluster to reach RUNNING before the run fails. */
  clusterStartTimeoutMs: number;
  /** How long a stopped attempt may take to report back before it is given up on. */
  stopGraceMs: number;
  /** Beyond a task's own timeout, when the scheduler stops an attempt the consumer did not. */
  timeoutGraceMs: number;
  /** How long terminating the run's job clusters may take before the run ends anyway. */
  cleanupGraceMs: number;
}

/** The earliest time something of the run falls due without an event: the plan's next look. */
export class Wake {
  at: number | undefined;
  add(time: number): void {
    if (this.at === undefined || time < this.at) this.at = time;
  }
}

/** What every step of one plan shares: the observations, the clock reading, the settings. */
export interface StepContext {
  observations: RunObservations;
  now: number;
  settings: PlanSettings;
  wake: Wake;
}
