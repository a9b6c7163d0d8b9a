import { useMemo } from 'react';
import { formatDuration } from '../../ui/format';
import { toneOf } from '../../ui/state-tone';
import type { RunTask } from './jobs-api';
import { statusOf } from './run-status';
import { timelineOf } from './run-timeline';

/** The task runs as bars on one time axis (a gantt chart), each coloured by its status. */
export function RunTimelineChart({ tasks, now }: { tasks: readonly RunTask[]; now: number }) {
  const timeline = useMemo(() => timelineOf(tasks, now), [tasks, now]);
  if (timeline.spanMs === 0) return <p className="muted">No task has started yet.</p>;
  return (
    <div className="wf-timeline">
      <ul aria-label="Task timeline">
        {timeline.bars.map((bar, index) => {
          const task = tasks[index] as RunTask;
          const status = statusOf(task.state);
          const text =
            bar.durationMs === undefined
              ? `${bar.key}: ${status}, not started`
              : `${bar.key}: ${status}, ${formatDuration(bar.durationMs)}${bar.running ? ' so far' : ''}`;
          return (
            <li key={bar.key} className="wf-timeline-row">
              <span className="wf-timeline-key">{bar.key}</span>
              <span className="wf-timeline-track">
                {bar.offsetPercent !== undefined && (
                  <span
                    className={`wf-timeline-bar tone-bg-${toneOf(status)}${bar.running ? ' running' : ''}`}
                    style={{ left: `${bar.offsetPercent}%`, width: `${bar.widthPercent}%` }}
                    title={text}
                  />
                )}
                <span className="visually-hidden">{text}</span>
              </span>
              <span className="wf-timeline-duration">{formatDuration(bar.durationMs)}</span>
            </li>
          );
        })}
      </ul>
      <div className="wf-timeline-axis" aria-hidden="true">
        {timeline.ticks.map((tick) => (
          <span key={tick.offsetMs} style={{ left: `${tick.percent}%` }}>
            {tick.offsetMs === 0 ? 'Start' : `+${formatDuration(tick.offsetMs)}`}
          </span>
        ))}
      </div>
    </div>
  );
}
