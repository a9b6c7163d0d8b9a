/**
 * A small SQL scanner: enough to tell code from string literals, quoted identifiers, dollar-quoted
 * strings and comments, so that statements can be split at semicolons and literals rewritten
 * without parsing SQL. Concatenating the segments' text gives back the input exactly.
 */
type SegmentKind = 'code' | 'string' | 'identifier' | 'dollar' | 'comment';

export interface Segment {
  kind: SegmentKind;
  text: string;
}

function endOfQuoted(sql: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === quote) {
      if (sql[index + 1] === quote) {
        index += 2;
        continue;
      }
      return index + 1;
    }
    index += 1;
  }
  return sql.length;
}

export function scanSql(sql: string): Segment[] {
  const segments: Segment[] = [];
  let code = '';
  const flush = () => {
    if (code) segments.push({ kind: 'code', text: code });
    code = '';
  };
  let index = 0;
  while (index < sql.length) {
    const char = sql[index] as string;
    const next = sql[index + 1];
    let end = -1;
    let kind: SegmentKind = 'code';
    if (char === "'") {
      kind = 'string';
      end = endOfQuoted(sql, index, "'");
    } else if (char === '"') {
      kind = 'identifier';
      end = endOfQuoted(sql, index, '"');
    } else if (char === '-' && next === '-') {
      kind = 'comment';
      const newline = sql.indexOf('\n', index);
      end = newline === -1 ? sql.length : newline;
    } else if (char === '/' && next === '*') {
      kind = 'comment';
      const close = sql.indexOf('*/', index + 2);
      end = close === -1 ? sql.length : close + 2;
    } else if (char === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(index));
      const before = sql[index - 1];
      if (tag && !(before !== undefined && /[\w$]/.test(before))) {
        kind = 'dollar';
        const close = sql.indexOf(tag[0], index + tag[0].length);
        end = close === -1 ? sql.length : close + tag[0].length;
      }
    }
    if (end === -1) {
      code += char;
      index += 1;
      continue;
    }
    flush();
    segments.push({ kind, text: sql.slice(index, end) });
    index = end;
  }
  flush();
  return segments;
}

/** The value of a single-quoted literal's text ("'it''s'" -> "it's"). */
export function stringLiteralValue(text: string): string {
  const inner = text.endsWith("'") && text.length >= 2 ? text.slice(1, -1) : text.slice(1);
  return inner.replaceAll("''", "'");
}

export function quoteStringLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The statements of a script, split at semicolons outside literals and comments, without their
 * terminating semicolon. Statements made only of whitespace and comments are dropped.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let meaningful = false;
  const finish = () => {
    if (meaningful) statements.push(current.trim());
    current = '';
    meaningful = false;
  };
  for (const segment of scanSql(sql)) {
    if (segment.kind !== 'code') {
      current += segment.text;
      if (segment.kind !== 'comment') meaningful = true;
      continue;
    }
    const parts = segment.text.split(';');
    for (const [index, part] of parts.entries()) {
      if (index > 0) finish();
      current += part;
      if (part.trim() !== '') meaningful = true;
    }
  }
  finish();
  return statements;
}
