import type { RunTiming } from './jobs-api';
import { durationOf } from './run-status';

/**
 * The task runs of a run on one time axis, as a gantt chart shows them: where each bar starts and
 * how wide it is, in percent of the run's span, and the ticks under them. Pure, for the timeline.
 */

export interface TimelineTask extends Pick<RunTiming, 'start_time' | 'end_time' | 'run_duration'> {
  task_key: string;
}

interface TimelineBar {
  key: string;
  /** Undefined for a task that has not started (or never will). */
  offsetPercent?: number;
  widthPercent?: number;
  durationMs?: number;
  running: boolean;
}

interface TimelineTick {
  percent: number;
  /** Milliseconds since the first task started. */
  offsetMs: number;
}

export interface Timeline {
  spanMs: number;
  bars: TimelineBar[];
  ticks: TimelineTick[];
}

/** A bar this thin (in percent) is still seen and hovered. */
const MIN_WIDTH_PERCENT = 0.6;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const TICK_STEPS = [1, 2, 5, 10, 15, 30]
  .map((s) => s * SECOND)
  .concat([1, 2, 5, 10, 15, 30, 60].map((m) => m * MINUTE));
const MAX_TICKS = 6;

/** The smallest step that needs at most MAX_TICKS ticks to cover the span. */
function tickStep(spanMs: number): number {
  return (
    TICK_STEPS.find((step) => spanMs / step <= MAX_TICKS) ?? Math.ceil(spanMs / MAX_TICKS / MINUTE) * MINUTE
  );
}

export function timelineOf(tasks: readonly TimelineTask[], now: number): Timeline {
  const started = tasks.filter((task) => task.start_time > 0);
  if (started.length === 0) {
    return { spanMs: 0, bars: tasks.map((task) => ({ key: task.task_key, running: false })), ticks: [] };
  }
  const origin = Math.min(...started.map((task) => task.start_time));
  const end = Math.max(...started.map((task) => task.end_time || now));
  const spanMs = Math.max(end - origin, SECOND);
  const percentOf = (ms: number) => (ms / spanMs) * 100;
  const bars = tasks.map((task): TimelineBar => {
    const durationMs = durationOf(task, now);
    if (durationMs === undefined) return { key: task.task_key, running: false };
    const offsetPercent = percentOf(task.start_time - origin);
    const widthPercent = Math.min(Math.max(percentOf(durationMs), MIN_WIDTH_PERCENT), 100 - offsetPercent);
    return { key: task.task_key, offsetPercent, widthPercent, durationMs, running: !task.end_time };
  });
  const step = tickStep(spanMs);
  const ticks: TimelineTick[] = [];
  for (let offsetMs = 0; offsetMs <= spanMs; offsetMs += step)
    ticks.push({ percent: percentOf(offsetMs), offsetMs });
  return { spanMs, bars, ticks };
}
