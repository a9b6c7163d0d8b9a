import type { ResultData, StatementResponse, StatementState } from '../../rest/statements';

/** A statement's result as the grid and the chart read it: typed columns and rows of text. */
interface ResultColumn {
  /** Its place in the result, unique where names may repeat (SELECT 1 AS a, 2 AS a). */
  position: number;
  name: string;
  typeText: string;
  numeric: boolean;
}

export type ResultRow = (string | null)[];

export interface ResultTable {
  columns: ResultColumn[];
  rows: ResultRow[];
  /** Rows the statement produced; more than `rows` holds when collection stopped at MAX_ROWS. */
  totalRowCount: number;
  /** The warehouse cut the result short (row_limit or the 25 MiB inline limit). */
  truncated: boolean;
}

/** Rows kept in the browser: a bigger result is counted, not held. */
export const MAX_ROWS = 10_000;

const NUMERIC_TYPES = new Set(['BYTE', 'SHORT', 'INT', 'LONG', 'FLOAT', 'DOUBLE', 'DECIMAL']);

/** PENDING and RUNNING are polled; every other state is final. */
export function isInProgress(state: StatementState): boolean {
  return state === 'PENDING' || state === 'RUNNING';
}

/** The rows of the first chunk, then of each chunk its predecessor links to, up to MAX_ROWS. */
export async function collectRows(
  first: ResultData | undefined,
  readChunk: (link: string) => Promise<ResultData>,
): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  let chunk = first;
  while (chunk) {
    rows.push(...(chunk.data_array ?? []));
    if (rows.length >= MAX_ROWS || !chunk.next_chunk_internal_link) break;
    chunk = await readChunk(chunk.next_chunk_internal_link);
  }
  return rows.slice(0, MAX_ROWS);
}

/** The columns of the manifest's schema, in their positions, and the rows collected. */
export function resultTable(response: StatementResponse, rows: ResultRow[]): ResultTable {
  const columns = [...(response.manifest?.schema.columns ?? [])]
    .sort((a, b) => a.position - b.position)
    .map((column) => ({
      position: column.position,
      name: column.name,
      typeText: column.type_text,
      numeric: NUMERIC_TYPES.has(column.type_name),
    }));
  return {
    columns,
    rows,
    totalRowCount: response.manifest?.total_row_count ?? rows.length,
    truncated: response.manifest?.truncated ?? false,
  };
}

/** What a FAILED statement says went wrong, in the API's words. */
export function failureMessage(response: StatementResponse): string {
  const error = response.status.error;
  if (!error) return `The statement ended ${response.status.state} without a message.`;
  return error.error_code ? `${error.error_code}: ${error.message}` : error.message;
}
