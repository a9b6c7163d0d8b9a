import type { ReactNode } from 'react';
import { type Block, type Inline, parseMarkdown } from './markdown';

/** Notebook headings sit below the page's own h1: '#' shows as h2, and so on down to h6. */
function headingTag(level: number): 'h2' | 'h3' | 'h4' | 'h5' | 'h6' {
  return `h${Math.min(level + 1, 6)}` as 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
}

// Tokens are keyed by position: a cell's Markdown is rendered whole, never reordered.
function inline(token: Inline, key: number): ReactNode {
  switch (token.type) {
    case 'text':
      return token.text;
    case 'code':
      return <code key={key}>{token.text}</code>;
    case 'strong':
      return <strong key={key}>{token.children.map(inline)}</strong>;
    case 'em':
      return <em key={key}>{token.children.map(inline)}</em>;
    case 'link': {
      const external = /^(https?:|mailto:)/i.test(token.href);
      return (
        <a
          key={key}
          href={token.href}
          {...(external ? { target: '_blank', rel: 'noreferrer noopener' } : {})}
        >
          {token.children.map(inline)}
        </a>
      );
    }
  }
}

function listItem(item: Inline[], key: number): ReactNode {
  return <li key={key}>{item.map(inline)}</li>;
}

function block(token: Block, key: number): ReactNode {
  switch (token.type) {
    case 'heading': {
      const Tag = headingTag(token.level);
      return <Tag key={key}>{token.children.map(inline)}</Tag>;
    }
    case 'paragraph':
      return <p key={key}>{token.children.map(inline)}</p>;
    case 'list':
      return token.ordered ? (
        <ol key={key}>{token.items.map(listItem)}</ol>
      ) : (
        <ul key={key}>{token.items.map(listItem)}</ul>
      );
    case 'code':
      return (
        <pre key={key}>
          <code>{token.text}</code>
        </pre>
      );
    case 'quote':
      return <blockquote key={key}>{token.children.map(block)}</blockquote>;
    case 'rule':
      return <hr key={key} />;
  }
}

/** Markdown as React elements: text is always text, never parsed as HTML. */
export function MarkdownView({ source }: { source: string }) {
  return <div className="markdown">{parseMarkdown(source).map(block)}</div>;
}
