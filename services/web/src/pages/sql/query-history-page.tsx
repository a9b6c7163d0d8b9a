import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDuration, formatTime } from '../../ui/format';
import { Page } from '../../ui/page';
import { StateBadge } from '../../ui/state-badge';
import { Empty, ErrorNotice, QueryView } from '../../ui/states';
import { TableFrame } from '../../ui/table-frame';
import { listQueryHistory, type QueryInfo } from './history-api';
import { SqlTabs } from './sql-tabs';

function HistoryRow({ query }: { query: QueryInfo }) {
  return (
    <tr>
      <td>
        <StateBadge state={query.status} />
      </td>
      <td className="query-text">
        <Link to="/sql" state={{ statement: query.query_text }} title="Open in the editor">
          <code>{query.query_text}</code>
        </Link>
        {query.error_message && <div className="query-error">{query.error_message}</div>}
      </td>
      <td className="mono">{query.warehouse_id}</td>
      <td>{query.user_name}</td>
      <td>{formatTime(query.query_start_time_ms)}</td>
      <td className="num">{formatDuration(query.duration)}</td>
      <td className="num">{query.rows_produced?.toLocaleString() ?? '—'}</td>
    </tr>
  );
}

function HistoryTable({ queries }: { queries: QueryInfo[] }) {
  return (
    <TableFrame label="Query history">
      <table className="data">
        <caption className="visually-hidden">Query history</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Query</th>
            <th scope="col">SQL warehouse</th>
            <th scope="col">User</th>
            <th scope="col">Started</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Rows
            </th>
          </tr>
        </thead>
        <tbody>
          {queries.map((query) => (
            <HistoryRow key={query.query_id} query={query} />
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

/** The statements of the workspace that the caller may see, most recently started first. */
export function QueryHistoryPage() {
  const history = useInfiniteQuery({
    queryKey: ['sql-query-history'],
    queryFn: ({ pageParam }) => listQueryHistory(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.has_next_page ? last.next_page_token : undefined),
  });
  return (
    <Page
      title="Query history"
      actions={
        <button type="button" className="btn" onClick={() => void history.refetch()}>
          Refresh
        </button>
      }
    >
      <SqlTabs />
      <QueryView query={history} label="Loading the query history">
        {(data) => {
          const queries = data.pages.flatMap((page) => page.res ?? []);
          if (queries.length === 0) {
            return <Empty title="No statements yet">Statements run in the SQL editor are listed here.</Empty>;
          }
          return (
            <>
              <HistoryTable queries={queries} />
              {history.hasNextPage && (
                <button
                  type="button"
                  className="btn load-more"
                  disabled={history.isFetchingNextPage}
                  onClick={() => void history.fetchNextPage()}
                >
                  {history.isFetchingNextPage ? 'Loading…' : 'Load more'}
                </button>
              )}
              {history.isFetchNextPageError && <ErrorNotice error={history.error} />}
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}
