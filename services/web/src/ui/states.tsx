import type { ReactNode } from 'react';
import { ApiError } from '../rest/client';

export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}…
    </div>
  );
}

/** An API error as the API worded it (its `message`, with the error code beside it). */
export function ErrorNotice({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.errorCode : undefined;
  return (
    <div className="notice error" role="alert">
      {code && <strong>{code}: </strong>}
      {message}
    </div>
  );
}

/** What is missing and what to do about it. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="notice empty">
      <p>
        <strong>{title}</strong>
      </p>
      {children}
    </div>
  );
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
}

/** Loading, then the error or the data. */
export function QueryView<T>({
  query,
  label,
  children,
}: {
  query: QueryLike<T>;
  label?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading {...(label ? { label } : {})} />;
  if (query.error) return <ErrorNotice error={query.error} />;
  if (query.data === undefined) return null;
  return <>{children(query.data)}</>;
}
