import { lazy, Suspense, useMemo } from 'react';
import { Loading } from '../../ui/states';
import type { Run } from './jobs-api';
import { runHistoryOf } from './run-history';

// uPlot is fetched with the first chart, not with the Workflows pages.
const RunHistoryChart = lazy(() => import('./run-history-chart'));

/** The recent runs' durations; the runs table beside it holds the same figures as text. */
export function RunHistoryView({ runs, now }: { runs: readonly Run[]; now: number }) {
  const history = useMemo(() => runHistoryOf(runs, now), [runs, now]);
  return (
    <figure className="wf-figure" aria-label={`Duration of the last ${runs.length} runs, coloured by result`}>
      <Suspense fallback={<Loading label="Drawing the chart" />}>
        <RunHistoryChart history={history} />
      </Suspense>
    </figure>
  );
}
