import type { ResultTable } from './statement-result';

export type ChartKind = 'bar' | 'line';

/** Which columns a chart plots: X any column, Y a numeric one. */
export interface ChartAxes {
  x: number;
  y: number;
}

/**
 * The points of a chart, as uPlot takes them (ascending xs). A numeric X is plotted at its values,
 * in order; any other X at positions 0, 1, 2… in row order, named by `labels`.
 */
export interface ChartSeries {
  xs: number[];
  ys: (number | null)[];
  labels: string[] | undefined;
}

const numberOf = (text: string | null | undefined): number | null => {
  if (text === null || text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
};

/** The first non-numeric column against the first numeric one; none without a numeric column. */
export function defaultAxes(table: ResultTable): ChartAxes | undefined {
  const y = table.columns.findIndex((column) => column.numeric);
  if (y === -1) return undefined;
  const category = table.columns.findIndex((column) => !column.numeric);
  const otherNumeric = table.columns.findIndex((column, index) => column.numeric && index !== y);
  const x = category !== -1 ? category : otherNumeric !== -1 ? otherNumeric : y;
  return { x, y };
}

export function chartSeries(table: ResultTable, axes: ChartAxes): ChartSeries {
  const xColumn = table.columns[axes.x];
  if (xColumn?.numeric) {
    const points = table.rows
      .map((row) => ({ x: numberOf(row[axes.x]), y: numberOf(row[axes.y]) }))
      .filter((point): point is { x: number; y: number | null } => point.x !== null)
      .sort((a, b) => a.x - b.x);
    return { xs: points.map((point) => point.x), ys: points.map((point) => point.y), labels: undefined };
  }
  return {
    xs: table.rows.map((_, index) => index),
    ys: table.rows.map((row) => numberOf(row[axes.y])),
    labels: table.rows.map((row) => row[axes.x] ?? 'NULL'),
  };
}
