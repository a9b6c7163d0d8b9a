import { useCallback, useMemo } from 'react';
import uPlot from 'uplot';
import { formatDuration } from '../../ui/format';
import { useUplot } from '../../ui/use-uplot';
import type { RunHistory } from './run-history';
import type { Outcome } from './run-status';

const HEIGHT = 220;
/** The theme's tones (ui/theme.css), which a canvas cannot read from CSS. */
const COLOURS: Record<Outcome, string> = {
  succeeded: '#1a7f37',
  failed: '#c62828',
  canceled: '#9a6700',
  active: '#0969da',
  other: '#6e7781',
};
const LABELS: Record<Outcome, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Canceled',
  active: 'Running',
  other: 'Other',
};
const WHOLE_STEPS = [1, 2, 5, 10, 25];

function startLabel(epochMs: number | undefined): string {
  if (!epochMs) return 'not started';
  return new Date(epochMs).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

function chartOptions(history: RunHistory, width: number): uPlot.Options {
  const bars = uPlot.paths.bars?.({ size: [0.6, 48] });
  const at = (value: number) => (Number.isInteger(value) ? history.startTimes[value] : undefined);
  return {
    width,
    height: HEIGHT,
    legend: { show: true },
    scales: {
      x: { time: false, range: (_plot, min, max) => [min - 0.5, max + 0.5] },
      y: { range: (_plot, _min, max) => [0, max * 1.1 || 1] },
    },
    axes: [
      {
        label: 'Run start',
        incrs: WHOLE_STEPS,
        values: (_plot, ticks) => ticks.map((tick) => (at(tick) === undefined ? '' : startLabel(at(tick)))),
      },
      { label: 'Duration', values: (_plot, ticks) => ticks.map((seconds) => formatDuration(seconds * 1000)) },
    ],
    series: [
      { label: 'Run', value: (_plot, value) => (value === null ? '—' : `${history.runIds[value] ?? ''}`) },
      ...history.series.map(({ outcome }) => ({
        label: LABELS[outcome],
        stroke: COLOURS[outcome],
        fill: `${COLOURS[outcome]}cc`,
        points: { show: false },
        value: (_plot: uPlot, seconds: number | null) =>
          seconds === null ? '—' : formatDuration(seconds * 1000),
        ...(bars ? { paths: bars } : {}),
      })),
    ],
  };
}

/** Run duration per run, a bar each coloured by its result; drawn anew when the runs change. */
export default function RunHistoryChart({ history }: { history: RunHistory }) {
  const options = useCallback((width: number) => chartOptions(history, width), [history]);
  const data = useMemo<uPlot.AlignedData>(
    () => [history.xs, ...history.series.map((series) => series.seconds)],
    [history],
  );
  const boxRef = useUplot(options, data);
  return <div ref={boxRef} className="wf-chart" />;
}
