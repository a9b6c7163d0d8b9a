import { describe, expect, it } from 'vitest';
import { timelineOf } from './run-timeline';

const T0 = 1_700_000_000_000;

describe('the run timeline', () => {
  it('places each task on the run span from the first start to the last end', () => {
    const timeline = timelineOf(
      [
        { task_key: 'a', start_time: T0, end_time: T0 + 10_000 },
        { task_key: 'b', start_time: T0 + 10_000, end_time: T0 + 40_000 },
      ],
      T0 + 60_000,
    );
    expect(timeline.spanMs).toBe(40_000);
    expect(timeline.bars).toEqual([
      { key: 'a', offsetPercent: 0, widthPercent: 25, durationMs: 10_000, running: false },
      { key: 'b', offsetPercent: 25, widthPercent: 75, durationMs: 30_000, running: false },
    ]);
  });

  it('draws a running task up to now, and none for a task not started', () => {
    const timeline = timelineOf(
      [
        { task_key: 'a', start_time: T0, end_time: 0 },
        { task_key: 'b', start_time: 0, end_time: 0 },
      ],
      T0 + 20_000,
    );
    expect(timeline.bars[0]).toMatchObject({ widthPercent: 100, running: true, durationMs: 20_000 });
    expect(timeline.bars[1]).toEqual({ key: 'b', running: false });
  });

  it('keeps a very short task visible', () => {
    const timeline = timelineOf(
      [
        { task_key: 'quick', start_time: T0, end_time: T0 + 1 },
        { task_key: 'long', start_time: T0, end_time: T0 + 600_000 },
      ],
      T0 + 600_000,
    );
    expect(timeline.bars[0]?.widthPercent).toBeGreaterThan(0.5);
  });

  it('ticks at a round step, at most six of them past the start', () => {
    const timeline = timelineOf([{ task_key: 'a', start_time: T0, end_time: T0 + 130_000 }], T0);
    expect(timeline.ticks.map((tick) => tick.offsetMs)).toEqual([0, 30_000, 60_000, 90_000, 120_000]);
  });

  it('has no span nor ticks before any task starts', () => {
    expect(timelineOf([{ task_key: 'a', start_time: 0, end_time: 0 }], T0)).toEqual({
      spanMs: 0,
      bars: [{ key: 'a', running: false }],
      ticks: [],
    });
  });
});
