import type { StatementResponse, StatementState } from '../../rest/statements';

export interface ResultRows {
  columns: { name: string; typeText: string }[];
  rows: (string | null)[][];
  /** More rows exist than the first chunk holds. */
  more: boolean;
}

export type StatementOutcome =
  | { phase: 'succeeded'; result: ResultRows }
  | { phase: 'failed'; message: string }
  | { phase: 'canceled' };

export function isInProgress(state: StatementState): boolean {
  return state === 'PENDING' || state === 'RUNNING';
}

/** What a finished statement came to: its first chunk of rows, or why it did not succeed. */
export function outcomeOf(response: StatementResponse): StatementOutcome {
  const { state, error } = response.status;
  if (state === 'SUCCEEDED') {
    const columns = [...(response.manifest?.schema.columns ?? [])]
      .sort((a, b) => a.position - b.position)
      .map((column) => ({ name: column.name, typeText: column.type_text }));
    const rows = response.result?.data_array ?? [];
    const more =
      response.result?.next_chunk_index !== undefined ||
      response.manifest?.truncated === true ||
      (response.manifest?.total_row_count ?? rows.length) > rows.length;
    return { phase: 'succeeded', result: { columns, rows, more } };
  }
  if (state === 'FAILED') {
    return { phase: 'failed', message: error?.message ?? 'The statement failed without a message' };
  }
  return { phase: 'canceled' };
}
