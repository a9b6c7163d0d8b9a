import { useCallback, useEffect, useState } from 'react';
import { cancelStatement, executeStatement, readStatement, type StatementState } from '../../rest/statements';
import { isInProgress, outcomeOf, type StatementOutcome } from './statement-outcome';

export type StatementRun =
  | {
      phase: 'running';
      state: 'SUBMITTING' | Extract<StatementState, 'PENDING' | 'RUNNING'>;
      startedAt: number;
    }
  | StatementOutcome
  /** The API refused a request (an error status), as opposed to a statement that FAILED. */
  | { phase: 'error'; error: unknown };

/** How often a statement that outlived the first wait is asked about. */
const POLL_MS = 1_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `statement` on the warehouse as soon as it is shown, and again on `rerun`: submitted with
 * a 50 s wait, then polled while PENDING or RUNNING. Leaving the page cancels it.
 */
export function useStatement(warehouseId: string, statement: string) {
  const [run, setRun] = useState<StatementRun>({
    phase: 'running',
    state: 'SUBMITTING',
    startedAt: Date.now(),
  });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the rerun trigger
  useEffect(() => {
    let stale = false;
    let statementId: string | undefined;
    const startedAt = Date.now();
    setRun({ phase: 'running', state: 'SUBMITTING', startedAt });
    (async () => {
      let response = await executeStatement({ warehouse_id: warehouseId, statement }, '50s');
      statementId = response.statement_id;
      while (isInProgress(response.status.state) && !stale) {
        const state = response.status.state as 'PENDING' | 'RUNNING';
        setRun({ phase: 'running', state, startedAt });
        await pause(POLL_MS);
        response = await readStatement(response.statement_id);
      }
      if (!stale) setRun(outcomeOf(response));
    })().catch((error: unknown) => {
      if (!stale) setRun({ phase: 'error', error });
    });
    return () => {
      stale = true;
      // Nobody is waiting for the answer any more: the warehouse need not finish it.
      if (statementId) cancelStatement(statementId).catch(() => undefined);
    };
  }, [warehouseId, statement, attempt]);

  const rerun = useCallback(() => setAttempt((count) => count + 1), []);
  return { run, rerun };
}
