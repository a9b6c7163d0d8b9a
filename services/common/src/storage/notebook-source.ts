/**
 * Notebooks in source form (what `workspace export --format SOURCE` gives): a first line that
 * marks the file as a notebook, in the comment syntax of its language, then the cells:
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
 * %run, %pip, ...); so is a cell whose first line is such a magic without the prefix, as typed in
 * the notebook editor (a line starting with % is not code in any language). A cell may start with a '# DBTITLE 1,<title>' line. Databricks recognises
 * the header on import (format AUTO) and writes it on export; the runtime parses the cells.
 */

export const NOTEBOOK_LANGUAGES = ['PYTHON', 'SQL', 'SCALA', 'R'] as const;
export type NotebookLanguage = (typeof NOTEBOOK_LANGUAGES)[number];

const COMMENT: Record<NotebookLanguage, string> = { PYTHON: '#', SQL: '--', SCALA: '//', R: '#' };

/** The export file type ('py', 'sql', 'scala', 'r') of a notebook's language. */
export const FILE_TYPE: Record<NotebookLanguage, string> = {
  PYTHON: 'py',
  SQL: 'sql',
  SCALA: 'scala',
  R: 'r',
};

const EXTENSIONS: Record<string, NotebookLanguage> = {
  '.py': 'PYTHON',
  '.sql': 'SQL',
  '.scala': 'SCALA',
  '.r': 'R',
  '.R': 'R',
};

export function isNotebookLanguage(value: string): value is NotebookLanguage {
  return (NOTEBOOK_LANGUAGES as readonly string[]).includes(value);
}

/** The first line of a notebook in source form: '# Databricks notebook source' for Python. */
export function notebookHeader(language: NotebookLanguage): string {
  return `${COMMENT[language]} Databricks notebook source`;
}

/** The notebook language a file name's extension stands for, and the name without it. */
export function languageOfName(name: string): { language: NotebookLanguage; stem: string } | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const language = EXTENSIONS[name.slice(dot)];
  return language && { language, stem: name.slice(0, dot) };
}

/** The first line of some bytes (without a UTF-8 byte order mark or line terminator). */
export function firstLineOf(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8');
  const line = head.replace(/^\uFEFF/, '').split('\n', 1)[0] ?? '';
  return line.replace(/\r$/, '').trimEnd();
}

function hasNotebookHeader(bytes: Uint8Array, language: NotebookLanguage): boolean {
  return firstLineOf(bytes) === notebookHeader(language);
}

/** Notebook source with its header line, added when missing. */
export function withNotebookHeader(bytes: Uint8Array, language: NotebookLanguage): Buffer {
  if (hasNotebookHeader(bytes, language)) return Buffer.from(bytes);
  return Buffer.concat([Buffer.from(`${notebookHeader(language)}\n`), bytes]);
}

export type AutoDetected =
  | { objectType: 'NOTEBOOK'; language: NotebookLanguage; path: string }
  | { objectType: 'FILE'; path: string };

/**
 * What an import with format AUTO makes of some content: a notebook when the name has a
 * notebook extension (.py, .sql, .scala, .r) and the content starts with that language's header,
 * stored without the extension; any other content is a file, stored under the name as given.
 */
export function detectAutoImport(path: string, bytes: Uint8Array): AutoDetected {
  const slash = path.lastIndexOf('/');
  const named = languageOfName(path.slice(slash + 1));
  if (named && hasNotebookHeader(bytes, named.language)) {
    return { objectType: 'NOTEBOOK', language: named.language, path: path.slice(0, slash + 1) + named.stem };
  }
  return { objectType: 'FILE', path };
}

/** python and sql run; markdown is skipped; any other magic (run, pip, sh, fs, scala, r, ...) is kept by name. */
type CellKind = 'python' | 'sql' | 'scala' | 'r' | 'markdown' | (string & {});

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

const MAGIC_KINDS: Readonly<Record<string, CellKind>> = {
  python: 'python',
  py: 'python',
  sql: 'sql',
  md: 'markdown',
  'md-sandbox': 'markdown',
};

/** The kind of a cell written in the notebook's own language: 'python' for PYTHON. */
function ownKind(language: NotebookLanguage): CellKind {
  return language.toLowerCase();
}

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] as string).trim() === '') start += 1;
  while (end > start && (lines[end - 1] as string).trim() === '') end -= 1;
  return lines.slice(start, end);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function parseCell(index: number, raw: string[], language: NotebookLanguage): NotebookCell {
  const comment = COMMENT[language];
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
    return (
      magicCell(index, unwrapped, base) ?? {
        index,
        kind: ownKind(language),
        source: unwrapped.join('\n'),
        ...base,
      }
    );
  }
  // A magic typed as the editor takes it ('%sql' on the first line), without the MAGIC prefix.
  return (
    magicCell(index, lines, base) ?? { index, kind: ownKind(language), source: lines.join('\n'), ...base }
  );
}

/** The magic cell whose first line is '%word [code]', or undefined when it starts otherwise. */
function magicCell(index: number, lines: string[], base: { title?: string }): NotebookCell | undefined {
  const magic = /^%([\w-]+)(?:\s+|$)(.*)$/.exec(lines[0] ?? '');
  if (!magic) return undefined;
  const word = (magic[1] as string).toLowerCase();
  const rest = magic[2] ?? '';
  const body = trimBlankLines([...(rest.trim() ? [rest] : []), ...lines.slice(1)]);
  return { index, kind: MAGIC_KINDS[word] ?? word, magic: word, source: body.join('\n'), ...base };
}

/**
 * Parses notebook source. The header line says the comment syntax; R shares Python's '#', so the
 * name's extension (`path`) tells R from Python, and decides the language of a plain file
 * (PYTHON when it has none). The header is recognised as on import (hasNotebookHeader).
 */
export function parseNotebookSource(text: string, path = ''): ParsedNotebook {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = (lines[0] ?? '').trimEnd();
  const named = languageOfName(path.slice(path.lastIndexOf('/') + 1))?.language;
  const headed = NOTEBOOK_LANGUAGES.filter((language) => notebookHeader(language) === first);
  if (headed.length === 0) {
    const language = named ?? 'PYTHON';
    const source = trimBlankLines(lines).join('\n');
    return {
      language,
      isNotebook: false,
      cells: source ? [{ index: 1, kind: ownKind(language), source }] : [],
    };
  }
  const language = named && headed.includes(named) ? named : (headed[0] as NotebookLanguage);
  const separator = `${COMMENT[language]} COMMAND ----------`;
  const chunks: string[][] = [[]];
  for (const line of lines.slice(1)) {
    if (line.trimEnd() === separator) chunks.push([]);
    else chunks[chunks.length - 1]?.push(line);
  }
  const cells = chunks
    .map((chunk, position) => parseCell(position + 1, chunk, language))
    .filter((cell) => cell.source.trim() !== '');
  return { language, isNotebook: true, cells };
}
