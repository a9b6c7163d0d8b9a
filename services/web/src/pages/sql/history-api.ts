import { get } from '../../rest/client';

/** A statement as the query history lists it (QueryInfo), as far as the page reads it. */
export interface QueryInfo {
  query_id: string;
  status: string;
  query_text: string;
  statement_type: string;
  warehouse_id: string;
  user_name: string;
  query_start_time_ms: number;
  duration?: number;
  rows_produced?: number;
  error_message?: string;
}

interface QueryHistoryPage {
  res?: QueryInfo[];
  has_next_page: boolean;
  next_page_token?: string;
}

/** The most recently started statements first, a page at a time. */
export const listQueryHistory = (pageToken: string | undefined) =>
  get<QueryHistoryPage>('/api/2.0/sql/history/queries', { max_results: 50, page_token: pageToken });
