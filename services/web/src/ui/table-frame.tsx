import type { ReactNode } from 'react';

/**
 * The scrolling frame of a table that may be wider than the page: a labelled region the keyboard
 * can reach and scroll, since a scrollable box with nothing focusable in it strands keyboard users.
 */
export function TableFrame({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus (WCAG 2.1.1)
    <section className={className ? `table-wrap ${className}` : 'table-wrap'} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
