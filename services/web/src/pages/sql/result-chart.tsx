import { useMemo, useState } from 'react';
import { type ChartAxes, type ChartKind, chartSeries, defaultAxes } from './chart-series';
import type { ResultTable } from './statement-result';
import { UplotChart } from './uplot-chart';

/** A chart of a result: any column along X against a numeric column, as bars or a line. */
export function ResultChart({ table }: { table: ResultTable }) {
  const initial = useMemo(() => defaultAxes(table), [table]);
  if (!initial) {
    return <p className="muted">A chart needs a numeric column in the result.</p>;
  }
  return <ChartWithControls table={table} initial={initial} />;
}

function ChartWithControls({ table, initial }: { table: ResultTable; initial: ChartAxes }) {
  const [axes, setAxes] = useState(initial);
  const [kind, setKind] = useState<ChartKind>('bar');
  const series = useMemo(() => chartSeries(table, axes), [table, axes]);
  const xName = table.columns[axes.x]?.name ?? '';
  const yName = table.columns[axes.y]?.name ?? '';
  const names = useMemo(() => ({ x: xName, y: yName }), [xName, yName]);
  const numeric = table.columns.filter((column) => column.numeric);
  return (
    <figure
      className="sql-chart"
      aria-label={`${kind === 'bar' ? 'Bar' : 'Line'} chart of ${yName} by ${xName}`}
    >
      <div className="row chart-controls">
        <label>
          X axis{' '}
          <select value={axes.x} onChange={(event) => setAxes({ ...axes, x: Number(event.target.value) })}>
            {table.columns.map((column, index) => (
              <option key={column.position} value={index}>
                {column.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Y axis{' '}
          <select value={axes.y} onChange={(event) => setAxes({ ...axes, y: Number(event.target.value) })}>
            {numeric.map((column) => (
              <option key={column.position} value={table.columns.indexOf(column)}>
                {column.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Chart{' '}
          <select value={kind} onChange={(event) => setKind(event.target.value as ChartKind)}>
            <option value="bar">Bar</option>
            <option value="line">Line</option>
          </select>
        </label>
      </div>
      <UplotChart series={series} kind={kind} names={names} />
      <figcaption className="muted">
        {yName} by {xName}, {series.xs.length.toLocaleString()} points
      </figcaption>
    </figure>
  );
}
