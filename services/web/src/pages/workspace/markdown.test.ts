import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown';

describe('markdown', () => {
  it('reads headings, paragraphs and rules', () => {
    expect(parseMarkdown('# Title\n\nFirst line\nsecond line\n\n---\n### Sub ###')).toEqual([
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'Title' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'First line second line' }] },
      { type: 'rule' },
      { type: 'heading', level: 3, children: [{ type: 'text', text: 'Sub' }] },
    ]);
  });

  it('reads bullet and numbered lists, with continuation lines', () => {
    expect(parseMarkdown('- one\n  more\n* two\n\n1. first\n2) second')).toEqual([
      {
        type: 'list',
        ordered: false,
        items: [[{ type: 'text', text: 'one more' }], [{ type: 'text', text: 'two' }]],
      },
      {
        type: 'list',
        ordered: true,
        items: [[{ type: 'text', text: 'first' }], [{ type: 'text', text: 'second' }]],
      },
    ]);
  });

  it('keeps fenced code as it is, Markdown and all', () => {
    expect(parseMarkdown('```python\nx = **1**\n```\nafter')).toEqual([
      { type: 'code', language: 'python', text: 'x = **1**' },
      { type: 'paragraph', children: [{ type: 'text', text: 'after' }] },
    ]);
  });

  it('reads quotes as blocks of their own', () => {
    expect(parseMarkdown('> quoted *word*')).toEqual([
      {
        type: 'quote',
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', text: 'quoted ' },
              { type: 'em', children: [{ type: 'text', text: 'word' }] },
            ],
          },
        ],
      },
    ]);
  });

  it('reads bold, italic, code and links inside text', () => {
    expect(parseInline('a **b _c_** `d*e*` [site](https://x.io "t") snake_case_name')).toEqual([
      { type: 'text', text: 'a ' },
      {
        type: 'strong',
        children: [
          { type: 'text', text: 'b ' },
          { type: 'em', children: [{ type: 'text', text: 'c' }] },
        ],
      },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'd*e*' },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://x.io', children: [{ type: 'text', text: 'site' }] },
      { type: 'text', text: ' snake_case_name' },
    ]);
  });

  it('leaves HTML and unsafe links as text', () => {
    expect(parseInline('<b>x</b> [y](javascript:alert(1))')).toEqual([
      { type: 'text', text: '<b>x</b> [y](javascript:alert(1))' },
    ]);
    expect(safeHref('JavaScript:alert(1)')).toBeUndefined();
    expect(safeHref('//evil.example')).toBeUndefined();
    expect(safeHref('/workspace/Shared')).toBe('/workspace/Shared');
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
  });

  it('leaves a lone marker as text', () => {
    expect(parseInline('2 * 3 = 6')).toEqual([{ type: 'text', text: '2 * 3 = 6' }]);
  });
});
