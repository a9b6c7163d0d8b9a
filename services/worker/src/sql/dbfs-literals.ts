import { join } from 'node:path';
import { parseDbfsPath } from '@brickyard/common/storage';
import { quoteStringLiteral, scanSql, stringLiteralValue } from './sql-lexer.js';

/**
 * DuckDB has no DBFS (and this build no httpfs), so string literals naming DBFS paths are
 * rewritten to paths in a local mirror directory before a statement runs:
 *
 * - 'dbfs:/a/b.csv' and the FUSE-style '/dbfs/a/b.csv' both name DBFS path /a/b.csv;
 * - a literal right after the keyword TO (COPY ... TO 'dbfs:/...') is an output: the statement
 *   writes the local file (or directory, with PARTITION_BY) and the runtime uploads it afterwards;
 * - every other literal is an input, downloaded first when it exists. Globs (*, **, ?, [..]) are
 *   expanded against the object store and every match is downloaded.
 */
export interface DbfsReference {
  /** Canonical DBFS path ('/a/b.csv'), possibly a glob for inputs. */
  path: string;
  localPath: string;
  direction: 'input' | 'output';
  glob: boolean;
}

export interface RewrittenSql {
  sql: string;
  references: DbfsReference[];
}

export class OutputGlobError extends Error {
  constructor(path: string) {
    super(`an output path cannot be a glob: dbfs:${path}`);
    this.name = 'OutputGlobError';
  }
}

const GLOB = /[*?[]/;

/** The DBFS path a literal's value names, or undefined when it is not a DBFS path. */
export function dbfsPathOfLiteral(value: string): string | undefined {
  if (value.startsWith('dbfs:/')) return parseDbfsPath(value);
  if (value === '/dbfs' || value.startsWith('/dbfs/'))
    return parseDbfsPath(value.slice('/dbfs'.length) || '/');
  return undefined;
}

export function rewriteDbfsLiterals(sql: string, localRoot: string): RewrittenSql {
  const references: DbfsReference[] = [];
  let previousWord = '';
  const parts = scanSql(sql).map((segment) => {
    if (segment.kind === 'comment') return segment.text;
    if (segment.kind !== 'string') {
      const words = segment.text.match(/[A-Za-z_][\w$]*|\S/g);
      if (words && words.length > 0) previousWord = (words[words.length - 1] as string).toUpperCase();
      return segment.text;
    }
    const isOutput = previousWord === 'TO';
    previousWord = "'";
    const path = dbfsPathOfLiteral(stringLiteralValue(segment.text));
    if (path === undefined) return segment.text;
    const glob = GLOB.test(path);
    if (isOutput && glob) throw new OutputGlobError(path);
    const localPath = join(localRoot, ...path.split('/').filter(Boolean));
    references.push({ path, localPath, direction: isOutput ? 'output' : 'input', glob });
    return quoteStringLiteral(localPath);
  });
  return { sql: parts.join(''), references };
}

/** The directory part of a glob that has no wildcard ('/a/b/*.csv' -> '/a/b'). */
export function globBase(pattern: string): string {
  const segments = pattern.split('/').filter(Boolean);
  const fixed: string[] = [];
  for (const segment of segments) {
    if (GLOB.test(segment)) break;
    fixed.push(segment);
  }
  return `/${fixed.join('/')}`;
}

/** A regular expression for a DuckDB-style glob over canonical paths. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index] as string;
    if (char === '*') {
      if (pattern[index + 1] === '*') {
        if (pattern[index + 2] === '/') {
          source += '(?:.*/)?';
          index += 2;
        } else {
          source += '.*';
          index += 1;
        }
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const close = pattern.indexOf(']', index + 2);
      if (close === -1) {
        source += '\\[';
      } else {
        let body = pattern.slice(index + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        source += `[${body.replace(/\\/g, '\\\\')}]`;
        index = close;
      }
    } else {
      source += char.replace(/[.+^${}()|\\\]]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
