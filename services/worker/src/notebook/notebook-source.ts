/**
 * The Databricks notebook source format (what `workspace export --format SOURCE` gives):
 *
 *   # Databricks notebook source
 *   print("a python cell")
 *
 *   # COMMAND ----------
 *
 *   # MAGIC %sql
 *   # MAGIC SELECT 1
 *
 * SQL notebooks use '--' and Scala notebooks '//' in place of '#'. A cell whose lines all start
 * with the MAGIC prefix is a magic cell: its first line names the language (%sql, %python, %md,
 * %run, %pip, ...). A cell may start with a '# DBTITLE 1,<title>' line.
 */
export type NotebookLanguage = 'python' | 'sql' | 'scala' | 'r';

/** python and sql run; markdown is skipped; any other magic (run, pip, sh, fs, scala, r, ...) is kept by name. */
export type CellKind = 'python' | 'sql' | 'markdown' | (string & {});

export interface NotebookCell {
  /** 1-based position of the cell in the notebook, counting empty cells. */
  index: number;
  kind: CellKind;
  source: string;
  /** The magic command word when the cell is a magic cell ('sql', 'md', 'run', ...). */
  magic?: string;
  title?: string;
}

export interface ParsedNotebook {
  language: NotebookLanguage;
  /** False for a plain file without the notebook header: it is one cell. */
  isNotebook: boolean;
  cells: NotebookCell[];
}

const HEADERS: ReadonlyArray<[string, NotebookLanguage, string]> = [
  ['# Databricks notebook source', 'python', '#'],
  ['-- Databricks notebook source', 'sql', '--'],
  ['// Databricks notebook source', 'scala', '//'],
];

const MAGIC_KINDS: Readonly<Record<string, CellKind>> = {
  python: 'python',
  py: 'python',
  sql: 'sql',
  md: 'markdown',
  'md-sandbox': 'markdown',
};

export function languageOfExtension(path: string): NotebookLanguage | undefined {
  const match = /\.([A-Za-z]+)$/.exec(path);
  switch (match?.[1]?.toLowerCase()) {
    case 'py':
      return 'python';
    case 'sql':
      return 'sql';
    case 'scala':
      return 'scala';
    case 'r':
      return 'r';
    default:
      return undefined;
  }
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] as string).trim() === '') start += 1;
  while (end > start && (lines[end - 1] as string).trim() === '') end -= 1;
  return lines.slice(start, end);
}

function parseCell(index: number, raw: string[], language: NotebookLanguage, comment: string): NotebookCell {
  let lines = trimBlankLines(raw);
  let title: string | undefined;
  const titleMatch =
    lines[0] === undefined ? null : new RegExp(`^${escapeRegExp(comment)} DBTITLE \\d+,(.*)$`).exec(lines[0]);
  if (titleMatch) {
    title = titleMatch[1]?.trim();
    lines = trimBlankLines(lines.slice(1));
  }
  const base: { title?: string } = title ? { title } : {};
  const prefix = `${comment} MAGIC`;
  const isMagicLine = (line: string) => line === prefix || line.startsWith(`${prefix} `);
  const nonBlank = lines.filter((line) => line.trim() !== '');
  if (nonBlank.length > 0 && nonBlank.every(isMagicLine)) {
    const unwrapped = trimBlankLines(
      lines.map((line) => (isMagicLine(line) ? line.slice(prefix.length + 1) : line)),
    );
    const first = unwrapped[0] ?? '';
    const magic = /^%([\w-]+)(?:\s+|$)(.*)$/.exec(first);
    if (magic) {
      const word = (magic[1] as string).toLowerCase();
      const rest = magic[2] ?? '';
      const body = trimBlankLines([...(rest.trim() ? [rest] : []), ...unwrapped.slice(1)]);
      return { index, kind: MAGIC_KINDS[word] ?? word, magic: word, source: body.join('\n'), ...base };
    }
    return { index, kind: language, source: unwrapped.join('\n'), ...base };
  }
  return { index, kind: language, source: lines.join('\n'), ...base };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Parses notebook source; `path` (its extension) decides the language of a plain file. */
export function parseNotebookSource(text: string, path = ''): ParsedNotebook {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = HEADERS.find(([line]) => (lines[0] ?? '').trim() === line);
  if (!header) {
    const language = languageOfExtension(path) ?? 'python';
    const source = trimBlankLines(lines).join('\n');
    return {
      language,
      isNotebook: false,
      cells: source ? [{ index: 1, kind: language, source }] : [],
    };
  }
  const [, headerLanguage, comment] = header;
  // R notebooks share Python's '#' header; their export carries the .r extension.
  const language = headerLanguage === 'python' && languageOfExtension(path) === 'r' ? 'r' : headerLanguage;
  const separator = `${comment} COMMAND ----------`;
  const chunks: string[][] = [[]];
  for (const line of lines.slice(1)) {
    if (line.trimEnd() === separator) chunks.push([]);
    else chunks[chunks.length - 1]?.push(line);
  }
  const cells = chunks
    .map((chunk, position) => parseCell(position + 1, chunk, language, comment))
    .filter((cell) => cell.source.trim() !== '');
  return { language, isNotebook: true, cells };
}
