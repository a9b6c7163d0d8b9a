import type { Page } from './jobs-api';

/** Newer and older pages of a list the API pages with tokens. */
export function PageButtons({
  page,
  onPage,
  what,
}: {
  page: Page;
  onPage: (token: string | undefined) => void;
  what: string;
}) {
  if (!page.prev_page_token && !page.next_page_token) return null;
  return (
    <nav className="row wf-pages" aria-label={`Pages of ${what}`}>
      <button
        type="button"
        className="btn"
        disabled={!page.prev_page_token}
        onClick={() => onPage(page.prev_page_token)}
      >
        Previous page
      </button>
      <button
        type="button"
        className="btn"
        disabled={!page.next_page_token}
        onClick={() => onPage(page.next_page_token)}
      >
        Next page
      </button>
    </nav>
  );
}
