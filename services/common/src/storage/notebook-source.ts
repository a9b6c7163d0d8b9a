/**
 * Notebooks in source form: a first line that marks the file as a notebook, in the comment
 * syntax of its language, then the cells. Databricks recognises them on import (format AUTO) and
 * writes the header on export (format SOURCE).
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

export function hasNotebookHeader(bytes: Uint8Array, language: NotebookLanguage): boolean {
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
