import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router';

export interface Crumb {
  label: string;
  to: string;
}

/** A page's heading, its actions, and the way back up. */
export function Page({
  title,
  actions,
  crumbs,
  children,
}: {
  title: string;
  actions?: ReactNode;
  crumbs?: Crumb[];
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Brickyard`;
  }, [title]);
  return (
    <>
      {crumbs && crumbs.length > 0 && (
        <nav className="breadcrumbs" aria-label="Breadcrumb">
          {crumbs.map((crumb, index) => (
            <span key={crumb.to}>
              {index > 0 && ' / '}
              <Link to={crumb.to}>{crumb.label}</Link>
            </span>
          ))}
        </nav>
      )}
      <header className="page-header">
        <h1>{title}</h1>
        {actions}
      </header>
      {children}
    </>
  );
}
