import { useCallback, useEffect, useRef, useState } from 'react';
import {
  cancelStatement,
  executeStatement,
  readChunk,
  readStatement,
  type StatementRequest,
  type StatementResponse,
  type StatementState,
} from '../../rest/statements';
import { collectRows, failureMessage, isInProgress, type ResultTable, resultTable } from './statement-result';

/** How often a statement that outlived the first wait is asked about. */
const POLL_MS = 1_000;

export type StatementRun =
  | { phase: 'idle' }
  | {
      phase: 'running';
      /** SUBMITTING until the API has answered the first request with the statement's id. */
      state: StatementState | 'SUBMITTING';
      statementId: string | undefined;
      startedAt: number;
      cancelRequested: boolean;
      cancelError?: unknown;
    }
  | { phase: 'succeeded'; statementId: string; table: ResultTable; durationMs: number }
  | { phase: 'failed'; statementId: string; message: string; durationMs: number }
  | { phase: 'canceled'; statementId: string; durationMs: number }
  /** The API refused a request (an error status), as opposed to a statement that FAILED. */
  | { phase: 'error'; error: unknown; durationMs: number };

interface Attempt {
  statementId: string | undefined;
  cancelRequested: boolean;
  /** Set when a newer run or leaving the page makes this one's answers irrelevant. */
  stale: boolean;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function finalOutcome(response: StatementResponse, durationMs: number): Promise<StatementRun> {
  const statementId = response.statement_id;
  if (response.status.state === 'SUCCEEDED') {
    const rows = await collectRows(response.result, readChunk);
    return { phase: 'succeeded', statementId, table: resultTable(response, rows), durationMs };
  }
  if (response.status.state === 'FAILED') {
    return { phase: 'failed', statementId, message: failureMessage(response), durationMs };
  }
  return { phase: 'canceled', statementId, durationMs };
}

/**
 * One statement at a time through the Statement Execution API: submitted with a 10 s wait, then
 * polled while PENDING or RUNNING (a stopped warehouse starts first), then its rows collected.
 */
export function useStatementRun() {
  const [run, setRun] = useState<StatementRun>({ phase: 'idle' });
  const attemptRef = useRef<Attempt | undefined>(undefined);

  useEffect(
    () => () => {
      if (attemptRef.current) attemptRef.current.stale = true;
    },
    [],
  );

  const start = useCallback(async (request: StatementRequest) => {
    if (attemptRef.current) attemptRef.current.stale = true;
    const attempt: Attempt = { statementId: undefined, cancelRequested: false, stale: false };
    attemptRef.current = attempt;
    const startedAt = Date.now();
    const show = (next: StatementRun) => {
      if (!attempt.stale) setRun(next);
    };
    const running = { phase: 'running', startedAt, cancelRequested: false } as const;
    show({ ...running, state: 'SUBMITTING', statementId: undefined });
    try {
      let response = await executeStatement(request);
      attempt.statementId = response.statement_id;
      // Cancel was pressed before the statement had an id: it is sent now.
      if (attempt.cancelRequested && isInProgress(response.status.state)) {
        await cancelStatement(response.statement_id);
      }
      while (isInProgress(response.status.state) && !attempt.stale) {
        const { state } = response.status;
        const statementId = response.statement_id;
        setRun((current) => (current.phase === 'running' ? { ...current, state, statementId } : current));
        await pause(POLL_MS);
        response = await readStatement(response.statement_id);
      }
      if (!attempt.stale) show(await finalOutcome(response, Date.now() - startedAt));
    } catch (error) {
      show({ phase: 'error', error, durationMs: Date.now() - startedAt });
    }
  }, []);

  const cancel = useCallback(async () => {
    const attempt = attemptRef.current;
    if (!attempt) return;
    attempt.cancelRequested = true;
    setRun((current) => (current.phase === 'running' ? { ...current, cancelRequested: true } : current));
    if (attempt.statementId === undefined) return;
    try {
      await cancelStatement(attempt.statementId);
    } catch (cancelError) {
      setRun((current) => (current.phase === 'running' ? { ...current, cancelError } : current));
    }
  }, []);

  return { run, start, cancel };
}
