import { Type } from 'typebox';
import { DatabricksError, invalidParameter, temporarilyUnavailable } from '../../errors/databricks-error.js';

/** `start_time` and `end_time` in epoch milliseconds, as Databricks' list filters take them. */
export const HistoryRange = Type.Object({
  start_time: Type.Optional(Type.Integer({ minimum: 0 })),
  end_time: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const CostHistory = Type.Object({
  /** Cost so far at each step: a running total, so the difference of two points is what was spent between them. */
  points: Type.Array(Type.Object({ time: Type.Integer(), total_dollars: Type.Number({ minimum: 0 }) })),
  step_seconds: Type.Integer({ minimum: 1 }),
  estimate: Type.Literal(true),
});

export interface HistoryWindow {
  startMs: number;
  endMs: number;
  stepSeconds: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_SPAN_MS = 31 * DAY_MS;
/** About this many points per chart, never closer than Prometheus' scrape interval. */
const POINTS = 300;
const MIN_STEP_SECONDS = 15;

/** The window asked for: the last day by default, at most 31 days, as steps Prometheus can answer. */
export function historyWindow(range: { start_time?: number; end_time?: number }, now: number): HistoryWindow {
  const endMs = Math.min(range.end_time ?? now, now);
  const startMs = range.start_time ?? endMs - DAY_MS;
  if (startMs >= endMs) throw invalidParameter('start_time must be before end_time (and before now)');
  if (endMs - startMs > MAX_SPAN_MS) throw invalidParameter('The window may span at most 31 days');
  const stepSeconds = Math.max(MIN_STEP_SECONDS, Math.ceil((endMs - startMs) / 1000 / POINTS));
  return { startMs, endMs, stepSeconds };
}

/** A label value inside a PromQL string literal. */
export function promqlString(value: string): string {
  return JSON.stringify(value);
}

interface RangeAnswer {
  status: 'success' | 'error';
  error?: string;
  data?: { result: { values: [number, string][] }[] };
}

/**
 * The cost over the window from Prometheus, which scrapes the operator's cost gauges: `query` sums
 * them to one series. No series (nothing ran, or before the first scrape) is an empty history.
 */
export async function readCostHistory(
  prometheusUrl: string | undefined,
  query: string,
  window: HistoryWindow,
): Promise<{ time: number; total_dollars: number }[]> {
  if (!prometheusUrl) {
    throw new DatabricksError(
      501,
      'FEATURE_DISABLED',
      'Cost over time is read from Prometheus, and this API has none (BRICKYARD_PROMETHEUS_URL)',
    );
  }
  const url = new URL('/api/v1/query_range', prometheusUrl);
  url.searchParams.set('query', query);
  url.searchParams.set('start', String(window.startMs / 1000));
  url.searchParams.set('end', String(window.endMs / 1000));
  url.searchParams.set('step', `${window.stepSeconds}s`);
  let answer: RangeAnswer;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    answer = (await response.json()) as RangeAnswer;
  } catch (error) {
    throw temporarilyUnavailable(`Prometheus did not answer: ${(error as Error).message}`, 5);
  }
  if (answer.status !== 'success' || !answer.data) {
    throw temporarilyUnavailable(`Prometheus refused the query: ${answer.error ?? 'no data'}`, 5);
  }
  const values = answer.data.result[0]?.values ?? [];
  return values.map(([seconds, value]) => ({
    time: Math.round(seconds * 1000),
    total_dollars: Number(value),
  }));
}
