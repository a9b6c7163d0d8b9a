import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import {
  COST_REFRESH_MS,
  type CostHistory,
  type CostTarget,
  costKeys,
  readCostHistory,
} from '../../rest/cost';
import { formatDollars } from '../../ui/format';
import { QueryView } from '../../ui/states';
import { useUplot } from '../../ui/use-uplot';
import { spentWithin } from './cost-rows';

const HOUR_MS = 60 * 60 * 1000;
const SPANS = [
  { label: 'Last hour', ms: HOUR_MS },
  { label: 'Last day', ms: 24 * HOUR_MS },
  { label: 'Last 7 days', ms: 7 * 24 * HOUR_MS },
] as const;
const HEIGHT = 220;
/** The theme's accent (--accent), which a canvas cannot read from CSS. */
const ACCENT = '#b3361d';

function HistoryChart({ history, label }: { history: CostHistory; label: string }) {
  const options = useCallback(
    (width: number): uPlot.Options => ({
      width,
      height: HEIGHT,
      legend: { show: false },
      axes: [{}, { size: 72, values: (_plot, ticks) => ticks.map((tick) => formatDollars(tick)) }],
      series: [
        {},
        { label: 'Cost so far', stroke: ACCENT, width: 2, fill: `${ACCENT}22`, points: { show: false } },
      ],
    }),
    [],
  );
  const data = useMemo<uPlot.AlignedData>(
    () => [
      history.points.map((point) => point.time / 1000),
      history.points.map((point) => point.total_dollars),
    ],
    [history],
  );
  const boxRef = useUplot(options, data);
  return <div ref={boxRef} role="img" aria-label={label} className="cost-history-chart" />;
}

/** Cost over time (the running total), over a window the reader picks. */
export function CostHistoryCard({ target, name }: { target: CostTarget; name: string }) {
  const [spanMs, setSpanMs] = useState<number>(SPANS[1].ms);
  const spanId = useId();
  const history = useQuery({
    queryKey: costKeys.history(target, spanMs),
    queryFn: () => readCostHistory(target, Date.now() - spanMs),
    refetchInterval: COST_REFRESH_MS,
  });
  const span = SPANS.find((option) => option.ms === spanMs) ?? SPANS[1];
  return (
    <section className="card" aria-labelledby={`${spanId}-title`}>
      <div className="row">
        <h2 id={`${spanId}-title`}>Cost over time</h2>
        <label htmlFor={spanId} className="visually-hidden">
          Window
        </label>
        <select id={spanId} value={spanMs} onChange={(event) => setSpanMs(Number(event.target.value))}>
          {SPANS.map((option) => (
            <option key={option.ms} value={option.ms}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <QueryView query={history} label="Loading the cost over time">
        {(data) =>
          data.points.length === 0 ? (
            <p className="muted">Nothing has cost anything in this window yet.</p>
          ) : (
            <>
              <p data-testid="spent-within">
                {formatDollars(spentWithin(data))} spent in the {span.label.toLowerCase()}
              </p>
              <HistoryChart history={data} label={`Cost of ${name} so far, ${span.label.toLowerCase()}`} />
            </>
          )
        }
      </QueryView>
    </section>
  );
}
