import { useCallback, useEffect, useRef, useState } from 'react';
import { type CellOutput, outputOf, runnableLanguage } from './cell-output';
import { commandStatus, contextStatus, createContext, destroyContext, executeCommand } from './command-api';
import type { NotebookCell } from './notebook-source';

export type CellRun =
  | { state: 'waiting' | 'running' | 'not-run' }
  | { state: 'skipped'; reason: string }
  | { state: 'done'; output: CellOutput };

export type NotebookRun =
  | { phase: 'idle' }
  | { phase: 'starting' | 'running' | 'finished'; cells: CellRun[] }
  | { phase: 'failed'; cells: CellRun[]; error: unknown };

const POLL_MS = 500;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ENDED = new Set(['Finished', 'Cancelled', 'Error']);

/** Waits for a new execution context to be ready for commands. */
async function awaitContext(clusterId: string, contextId: string, live: () => boolean): Promise<void> {
  for (;;) {
    const { status } = await contextStatus(clusterId, contextId);
    if (status === 'Running' || !live()) return;
    if (status === 'Error') throw new Error('The cluster could not create an execution context');
    await pause(POLL_MS);
  }
}

async function runCommand(
  clusterId: string,
  contextId: string,
  language: string,
  source: string,
  live: () => boolean,
): Promise<CellOutput> {
  const { id } = await executeCommand(clusterId, contextId, language, source);
  for (;;) {
    const status = await commandStatus(clusterId, contextId, id);
    if (ENDED.has(status.status) || !live()) {
      if (status.status === 'Cancelled')
        return { kind: 'error', summary: 'The command was cancelled', cause: undefined };
      return outputOf(status.results);
    }
    await pause(POLL_MS);
  }
}

function initialCells(cells: NotebookCell[]): CellRun[] {
  return cells.map((cell) => {
    if (runnableLanguage(cell)) return { state: 'waiting' };
    const reason = cell.kind === 'markdown' ? '' : `%${cell.language} cells are not run here`;
    return { state: 'skipped', reason };
  });
}

/**
 * Runs a notebook's cells in order in one execution context on a running cluster (the Command
 * Execution API 1.2), stopping at the first error as Run all does. Leaving the page stops it.
 */
export function useNotebookRun(cells: NotebookCell[]) {
  const [run, setRun] = useState<NotebookRun>({ phase: 'idle' });
  const attemptRef = useRef(0);
  useEffect(
    () => () => {
      attemptRef.current += 1;
    },
    [],
  );

  const start = useCallback(
    async (clusterId: string) => {
      const attempt = ++attemptRef.current;
      const live = () => attemptRef.current === attempt;
      const states = initialCells(cells);
      const show = (phase: 'starting' | 'running' | 'finished') =>
        live() && setRun({ phase, cells: [...states] });
      show('starting');
      const language = cells.map(runnableLanguage).find(Boolean) ?? 'python';
      let contextId: string | undefined;
      try {
        contextId = (await createContext(clusterId, language)).id;
        await awaitContext(clusterId, contextId, live);
        for (const [index, cell] of cells.entries()) {
          const cellLanguage = runnableLanguage(cell);
          if (!cellLanguage || !live()) continue;
          states[index] = { state: 'running' };
          show('running');
          const output = await runCommand(clusterId, contextId, cellLanguage, cell.source, live);
          states[index] = { state: 'done', output };
          if (output.kind === 'error') {
            for (const [later, laterState] of states.entries()) {
              if (laterState.state === 'waiting') states[later] = { state: 'not-run' };
            }
            break;
          }
        }
        show('finished');
      } catch (error) {
        if (live()) setRun({ phase: 'failed', cells: [...states], error });
      } finally {
        if (contextId) destroyContext(clusterId, contextId).catch(() => undefined);
      }
    },
    [cells],
  );

  const stop = useCallback(() => {
    attemptRef.current += 1;
    setRun((current) => (current.phase === 'idle' ? current : { phase: 'finished', cells: current.cells }));
  }, []);

  return { run, start, stop };
}
