/**
 * The small part of Markdown notebooks' %md cells use most — headings, paragraphs, lists, quotes,
 * code, rules, bold, italic, inline code and links — as tokens that React renders as elements.
 * Nothing is ever HTML: raw HTML in a cell stays visible text.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'code'; language: string; text: string }
  | { type: 'quote'; children: Block[] }
  | { type: 'rule' };

/** Links that only navigate: web, mail, and paths or anchors of this site (never javascript:). */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  if (/^[/#.]/.test(trimmed) && !trimmed.startsWith('//')) return trimmed;
  return undefined;
}

const LINK = /^\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/;

/** The text between `marker` at `start` and its closing twin, if it closes on this text. */
function delimited(text: string, start: number, marker: string): string | undefined {
  const open = start + marker.length;
  const close = text.indexOf(marker, open + 1);
  if (close < 0 || text[open] === ' ') return undefined;
  return text.slice(open, close);
}

function inlineAt(text: string, index: number): { token: Inline; length: number } | undefined {
  const char = text[index];
  if (char === '`') {
    const close = text.indexOf('`', index + 1);
    if (close > index + 1)
      return { token: { type: 'code', text: text.slice(index + 1, close) }, length: close - index + 1 };
  }
  if (char === '[') {
    const link = LINK.exec(text.slice(index));
    const href = link && safeHref(link[2] ?? '');
    if (link && href) {
      return { token: { type: 'link', href, children: parseInline(link[1] ?? '') }, length: link[0].length };
    }
  }
  if (char === '*' || char === '_') {
    // '_' inside a word (snake_case) is text, as in CommonMark.
    if (char === '_' && /\w/.test(text[index - 1] ?? '')) return undefined;
    const double = char.repeat(2);
    if (text.startsWith(double, index)) {
      const inner = delimited(text, index, double);
      if (inner) return { token: { type: 'strong', children: parseInline(inner) }, length: inner.length + 4 };
    }
    const inner = delimited(text, index, char);
    if (inner) return { token: { type: 'em', children: parseInline(inner) }, length: inner.length + 2 };
  }
  return undefined;
}

export function parseInline(text: string): Inline[] {
  const tokens: Inline[] = [];
  let plain = '';
  let index = 0;
  while (index < text.length) {
    const found = inlineAt(text, index);
    if (found) {
      if (plain) tokens.push({ type: 'text', text: plain });
      plain = '';
      tokens.push(found.token);
      index += found.length;
    } else {
      plain += text[index];
      index += 1;
    }
  }
  if (plain) tokens.push({ type: 'text', text: plain });
  return tokens;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const FENCE = /^\s*(```|~~~)\s*([\w+-]*)/;

/** Where a paragraph stops: a blank line or the start of any other block. */
function startsBlock(line: string): boolean {
  return [HEADING, RULE, BULLET, NUMBERED, FENCE].some((pattern) => pattern.test(line)) || /^\s*>/.test(line);
}

function listAt(lines: string[], start: number, pattern: RegExp): { items: Inline[][]; next: number } {
  const items: string[] = [];
  let index = start;
  for (; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const item = pattern.exec(line);
    if (item) items.push(item[1] ?? '');
    else if (line.trim() !== '' && /^\s+/.test(line) && items.length > 0)
      items.push(`${items.pop()} ${line.trim()}`);
    else break;
  }
  return { items: items.map(parseInline), next: index };
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.split(/\r?\n/);
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    const fence = FENCE.exec(line);
    const heading = HEADING.exec(line);
    if (line.trim() === '') {
      index += 1;
    } else if (fence) {
      const marker = fence[1] ?? '```';
      const end = lines.findIndex((candidate, at) => at > index && candidate.trim().startsWith(marker));
      const close = end < 0 ? lines.length : end;
      blocks.push({ type: 'code', language: fence[2] ?? '', text: lines.slice(index + 1, close).join('\n') });
      index = close + 1;
    } else if (heading) {
      const level = (heading[1] ?? '#').length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ type: 'heading', level, children: parseInline(heading[2] ?? '') });
      index += 1;
    } else if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      index += 1;
    } else if (BULLET.test(line) || NUMBERED.test(line)) {
      const ordered = !BULLET.test(line);
      const list = listAt(lines, index, ordered ? NUMBERED : BULLET);
      blocks.push({ type: 'list', ordered, items: list.items });
      index = list.next;
    } else if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      for (; index < lines.length && /^\s*>/.test(lines[index] ?? ''); index += 1) {
        quoted.push((lines[index] ?? '').replace(/^\s*>\s?/, ''));
      }
      blocks.push({ type: 'quote', children: parseMarkdown(quoted.join('\n')) });
    } else {
      const text: string[] = [];
      for (; index < lines.length && (lines[index] ?? '').trim() !== ''; index += 1) {
        if (text.length > 0 && startsBlock(lines[index] ?? '')) break;
        text.push((lines[index] ?? '').trim());
      }
      blocks.push({ type: 'paragraph', children: parseInline(text.join(' ')) });
    }
  }
  return blocks;
}
