import type { BoundParameters } from './sql-parameters.js';

/**
 * Puts the literal of each parameter in place of its marker, `:name` or `?`, as Spark 4.2 does
 * while parsing (sql-parameters.ts says why it is done here). Markers are only found where Spark
 * would see one: not in string literals ('...' or "...", with backslash escapes), quoted
 * identifiers (`...`), comments (-- and nested /* *\/), nor in the `::` cast operator. A marker
 * without a parameter is left for Spark to refuse (UNBOUND_SQL_PARAMETER); parameters without a
 * marker are ignored, as on Databricks.
 */
export function substituteMarkers(sql: string, parameters: BoundParameters): string {
  let out = '';
  let position = 0;
  let nextPositional = 0;
  const copyUntil = (end: number) => {
    out += sql.slice(position, end);
    position = end;
  };
  while (position < sql.length) {
    const char = sql[position] as string;
    const next = sql[position + 1];
    if (char === "'" || char === '"' || char === '`') {
      copyUntil(quotedEnd(sql, position, char));
    } else if (char === '-' && next === '-') {
      const newline = sql.indexOf('\n', position);
      copyUntil(newline === -1 ? sql.length : newline);
    } else if (char === '/' && next === '*') {
      copyUntil(commentEnd(sql, position));
    } else if (char === ':' && next === ':') {
      copyUntil(position + 2);
    } else if (char === ':' && next !== undefined && /[A-Za-z_]/.test(next) && sql[position - 1] !== ':') {
      const name = sql.slice(position + 1).match(/^[A-Za-z_][A-Za-z0-9_]*/)?.[0] ?? '';
      const literal = parameters.named[name];
      if (literal === undefined) copyUntil(position + 1 + name.length);
      else {
        out += literal;
        position += 1 + name.length;
      }
    } else if (char === '?' && parameters.positional.length > 0) {
      const literal = parameters.positional[nextPositional++];
      if (literal === undefined) copyUntil(position + 1);
      else {
        out += literal;
        position += 1;
      }
    } else {
      copyUntil(position + 1);
    }
  }
  return out;
}

/** The end of a quoted run starting at `start`: past its closing quote, or the end of the text. */
function quotedEnd(sql: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < sql.length) {
    const char = sql[index];
    // Backslash escapes exist in string literals only, not in quoted identifiers.
    if (char === '\\' && quote !== '`') index += 2;
    else if (char === quote) return index + 1;
    else index += 1;
  }
  return sql.length;
}

/** The end of a bracketed comment starting at `start`; Spark lets them nest. */
function commentEnd(sql: string, start: number): number {
  let depth = 0;
  let index = start;
  while (index < sql.length) {
    if (sql.startsWith('/*', index)) {
      depth += 1;
      index += 2;
    } else if (sql.startsWith('*/', index)) {
      depth -= 1;
      index += 2;
      if (depth === 0) return index;
    } else {
      index += 1;
    }
  }
  return sql.length;
}
