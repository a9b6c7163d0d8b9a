import type { CommandResults } from './command-api';
import type { NotebookCell } from './notebook-source';

/** A cell's result as the page shows it. */
export type CellOutput =
  | { kind: 'text'; text: string }
  | { kind: 'table'; columns: string[]; rows: string[][]; truncated: boolean }
  | { kind: 'error'; summary: string; cause: string | undefined }
  | { kind: 'unsupported'; what: string };

const RUNNABLE = new Set(['python', 'sql', 'scala', 'r']);

/** The language a cell runs in on a cluster; undefined for Markdown and magics like %sh or %run. */
export function runnableLanguage(cell: NotebookCell): string | undefined {
  return cell.kind === 'code' && RUNNABLE.has(cell.language) ? cell.language : undefined;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** What a finished command gave: its text, its table, or its error. */
export function outputOf(results: CommandResults | undefined): CellOutput {
  if (results?.resultType === undefined) return { kind: 'text', text: '' };
  switch (results.resultType) {
    case 'text':
      return { kind: 'text', text: cellText(results.data ?? '') };
    case 'table': {
      const rows = Array.isArray(results.data) ? (results.data as unknown[][]) : [];
      return {
        kind: 'table',
        columns: (results.schema ?? []).map((column, index) => column.name ?? `_c${index}`),
        rows: rows.map((row) => (Array.isArray(row) ? row.map(cellText) : [cellText(row)])),
        truncated: results.truncated === true,
      };
    }
    case 'error':
      return { kind: 'error', summary: results.summary ?? cellText(results.data), cause: results.cause };
    default:
      return { kind: 'unsupported', what: results.resultType };
  }
}
