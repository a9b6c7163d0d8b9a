import { useCallback, useMemo } from 'react';
import uPlot from 'uplot';
import { useUplot } from '../../ui/use-uplot';
import type { ChartKind, ChartSeries } from './chart-series';

const HEIGHT = 300;
/** The theme's accent (--accent), which a canvas cannot read from CSS. */
const ACCENT = '#b3361d';
/** Tick steps on a category axis: whole positions only, so each tick names a row. */
const CATEGORY_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000];

function chartOptions(
  series: ChartSeries,
  kind: ChartKind,
  names: { x: string; y: string },
  width: number,
): uPlot.Options {
  const { labels } = series;
  const barPaths = kind === 'bar' ? uPlot.paths.bars?.({ size: [0.7, 80] }) : undefined;
  const labelAt = (value: number) =>
    labels && Number.isInteger(value) ? (labels[value] ?? '') : String(value);
  return {
    width,
    height: HEIGHT,
    legend: { show: true },
    scales: {
      x: {
        time: false,
        // Bars need half a step of room either side of the first and the last.
        ...(kind === 'bar' && { range: (_plot, min, max) => [min - 0.5, max + 0.5] }),
      },
    },
    axes: [
      {
        label: names.x,
        ...(labels && { incrs: CATEGORY_STEPS, values: (_plot, ticks) => ticks.map(labelAt) }),
      },
      { label: names.y },
    ],
    series: [
      { label: names.x, value: (_plot, value) => (value === null ? '—' : labelAt(value)) },
      {
        label: names.y,
        stroke: ACCENT,
        width: kind === 'line' ? 2 : 1,
        ...(barPaths && { fill: `${ACCENT}b3`, paths: barPaths }),
        points: { show: kind === 'line' },
      },
    ],
  };
}

/** A uPlot chart of one series, redrawn when its data or kind changes and sized to its box. */
export function UplotChart({
  series,
  kind,
  names,
}: {
  series: ChartSeries;
  kind: ChartKind;
  names: { x: string; y: string };
}) {
  const options = useCallback(
    (width: number) => chartOptions(series, kind, names, width),
    [series, kind, names],
  );
  const data = useMemo<uPlot.AlignedData>(() => [series.xs, series.ys], [series]);
  const boxRef = useUplot(options, data);
  return <div ref={boxRef} className="uplot-box" />;
}
