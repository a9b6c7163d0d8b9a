import type { Language } from './command-routes.js';

/**
 * The JSON lines between an execution context and its REPL (brickyard/repl.py, whose docstring is
 * the reference). Results travel as JSON texts, never parsed here, so that a table's 64-bit
 * integers reach the caller as the REPL wrote them.
 */

/** Databricks' command states; Cancelling lasts from a cancel request until the REPL answers. */
export type CommandStatus = 'Queued' | 'Running' | 'Cancelling' | 'Finished' | 'Cancelled' | 'Error';

const ENDED: readonly CommandStatus[] = ['Finished', 'Cancelled', 'Error'];

export function isEnded(status: CommandStatus): boolean {
  return ENDED.includes(status);
}

export type ReplMessage =
  | { op: 'ready' }
  | { op: 'started'; id: string }
  | { op: 'done'; id: string; status: 'Finished' | 'Cancelled' | 'Error'; results: string };

/** A line of the REPL's stdout, or undefined when it is not a protocol message. */
export function parseReplLine(line: string): ReplMessage | undefined {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null) return undefined;
  const { op, id, status, results } = message as Record<string, unknown>;
  if (op === 'ready') return { op };
  if (typeof id !== 'string') return undefined;
  if (op === 'started') return { op, id };
  const ended = status === 'Finished' || status === 'Cancelled' || status === 'Error';
  if (op === undefined && ended && typeof results === 'string') return { op: 'done', id, status, results };
  return undefined;
}

export function executeLine(id: string, language: Language, command: string): string {
  return `${JSON.stringify({ op: 'execute', id, language, command })}\n`;
}

export function cancelLine(id: string): string {
  return `${JSON.stringify({ op: 'cancel', id })}\n`;
}

/** An error result the runtime makes itself (the REPL died), as a JSON text like the REPL's. */
export function errorResults(summary: string, cause: string): string {
  return JSON.stringify({ resultType: 'error', summary, cause });
}

/** The body of a command's status: `results` spliced in as the JSON text it is. */
export function commandStatusBody(id: string, status: CommandStatus, results: string | undefined): string {
  const head = `{"id":${JSON.stringify(id)},"status":${JSON.stringify(status)}`;
  return results === undefined ? `${head}}` : `${head},"results":${results}}`;
}
