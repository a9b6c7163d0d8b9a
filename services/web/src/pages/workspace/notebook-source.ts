/**
 * A notebook in Databricks' SOURCE format, split into its cells for display:
 *
 *   # Databricks notebook source
 *   print(1)
 *
 *   # COMMAND ----------
 *
 *   # MAGIC %md
 *   # MAGIC # A heading
 *
 * SQL notebooks comment with '--', Scala with '//'. A cell whose lines all carry the MAGIC prefix
 * is a magic cell: its first line names what it is (%md, %sql, %python, %run, %pip, %sh, ...).
 */

export type NotebookLanguage = 'PYTHON' | 'SQL' | 'SCALA' | 'R';

type CellKind = 'code' | 'markdown';

export interface NotebookCell {
  kind: CellKind;
  /** The language the cell's code is shown in: 'python', 'sql', 'scala', 'r', or a magic ('sh', 'run'). */
  language: string;
  source: string;
  /** The cell's title (a '# DBTITLE 1,<title>' line). */
  title?: string;
}

const COMMENT: Record<NotebookLanguage, string> = { PYTHON: '#', SQL: '--', SCALA: '//', R: '#' };

const MAGIC_LANGUAGES: Record<string, string> = { py: 'python', md: 'markdown', 'md-sandbox': 'markdown' };

function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.trim() === '') start += 1;
  while (end > start && lines[end - 1]?.trim() === '') end -= 1;
  return lines.slice(start, end);
}

/** The MAGIC prefix removed from every line, when every non-blank line has it. */
function unwrapMagic(lines: string[], comment: string): string[] | undefined {
  const prefix = `${comment} MAGIC`;
  const isMagic = (line: string) => line === prefix || line.startsWith(`${prefix} `);
  const nonBlank = lines.filter((line) => line.trim() !== '');
  if (nonBlank.length === 0 || !nonBlank.every(isMagic)) return undefined;
  return lines.map((line) => (isMagic(line) ? line.slice(prefix.length + 1) : line));
}

function titleOf(line: string | undefined, comment: string): string | undefined {
  if (line === undefined || !line.startsWith(`${comment} DBTITLE `)) return undefined;
  const comma = line.indexOf(',');
  return comma < 0 ? undefined : line.slice(comma + 1).trim();
}

function parseCell(raw: string[], language: NotebookLanguage): NotebookCell {
  const comment = COMMENT[language];
  let lines = trimBlankLines(raw);
  const title = titleOf(lines[0], comment);
  if (title !== undefined) lines = trimBlankLines(lines.slice(1));
  const titled = title ? { title } : {};
  const own = { kind: 'code' as const, language: language.toLowerCase(), ...titled };
  const unwrapped = unwrapMagic(lines, comment);
  const magic = /^%([\w-]+)\s*(.*)$/.exec((unwrapped ?? lines)[0] ?? '');
  if (!magic) return { ...own, source: lines.join('\n') };
  const word = (magic[1] ?? '').toLowerCase();
  const rest = magic[2] ?? '';
  const body = trimBlankLines([...(rest.trim() ? [rest] : []), ...(unwrapped ?? lines).slice(1)]);
  const shown = MAGIC_LANGUAGES[word] ?? word;
  const kind: CellKind = shown === 'markdown' ? 'markdown' : 'code';
  return { kind, language: shown, source: body.join('\n'), ...titled };
}

/** The language whose header opens the source, if it is a notebook in SOURCE format. */
export function headerLanguage(firstLine: string): NotebookLanguage | undefined {
  const line = firstLine.replace(/^\uFEFF/, '').trimEnd();
  const found = (Object.keys(COMMENT) as NotebookLanguage[]).find(
    (language) => line === `${COMMENT[language]} Databricks notebook source`,
  );
  return found;
}

/**
 * The cells of a notebook's source. `language` is the notebook's as the Workspace API reports it
 * (R and Python share '#', so the header alone cannot tell them apart); without a header the
 * whole text is one cell.
 */
export function parseNotebookSource(text: string, language: NotebookLanguage): NotebookCell[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headed = headerLanguage(lines[0] ?? '') !== undefined;
  const separator = `${COMMENT[language]} COMMAND ----------`;
  const chunks: string[][] = [[]];
  for (const line of headed ? lines.slice(1) : lines) {
    if (line.trimEnd() === separator) chunks.push([]);
    else chunks.at(-1)?.push(line);
  }
  return chunks.map((chunk) => parseCell(chunk, language)).filter((cell) => cell.source.trim() !== '');
}
