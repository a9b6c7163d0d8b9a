import { describe, expect, it } from 'vitest';
import {
  detectAutoImport,
  firstLineOf,
  languageOfName,
  notebookHeader,
  parseNotebookSource,
  withNotebookHeader,
} from './notebook-source.js';

const bytes = (text: string) => Buffer.from(text);

describe('detectAutoImport', () => {
  it.each([
    [
      '/Users/a/etl.py',
      '# Databricks notebook source\nprint(1)',
      { objectType: 'NOTEBOOK', language: 'PYTHON', path: '/Users/a/etl' },
    ],
    [
      '/Users/a/q.sql',
      '-- Databricks notebook source\nSELECT 1',
      { objectType: 'NOTEBOOK', language: 'SQL', path: '/Users/a/q' },
    ],
    [
      '/Users/a/s.scala',
      '// Databricks notebook source\nprintln(1)',
      { objectType: 'NOTEBOOK', language: 'SCALA', path: '/Users/a/s' },
    ],
    [
      '/Users/a/r.R',
      '# Databricks notebook source\nprint(1)',
      { objectType: 'NOTEBOOK', language: 'R', path: '/Users/a/r' },
    ],
    [
      '/Users/a/w.py',
      '# Databricks notebook source\r\nprint(1)',
      { objectType: 'NOTEBOOK', language: 'PYTHON', path: '/Users/a/w' },
    ],
    [
      '/Users/a/bom.py',
      '\uFEFF# Databricks notebook source\n',
      { objectType: 'NOTEBOOK', language: 'PYTHON', path: '/Users/a/bom' },
    ],
  ])('imports %s with a notebook header as a notebook without its extension', (path, content, expected) => {
    expect(detectAutoImport(path, bytes(content))).toEqual(expected);
  });

  it.each([
    ['a .py file without the header', '/Users/a/lib.py', 'print(1)'],
    ['a header in the wrong comment syntax', '/Users/a/q.sql', '# Databricks notebook source\nSELECT 1'],
    ['a header not on the first line', '/Users/a/etl.py', '\n# Databricks notebook source'],
    ['an unknown extension', '/Users/a/notes.txt', '# Databricks notebook source'],
    ['no extension', '/Users/a/etl', '# Databricks notebook source'],
    ['a hidden file named like an extension', '/Users/a/.py', '# Databricks notebook source'],
    ['empty content', '/Users/a/empty.py', ''],
  ])('imports %s as a file under the name given', (_case, path, content) => {
    expect(detectAutoImport(path, bytes(content))).toEqual({ objectType: 'FILE', path });
  });
});

describe('notebook source', () => {
  it('writes each language header in its comment syntax', () => {
    expect(notebookHeader('PYTHON')).toBe('# Databricks notebook source');
    expect(notebookHeader('SQL')).toBe('-- Databricks notebook source');
    expect(notebookHeader('SCALA')).toBe('// Databricks notebook source');
    expect(notebookHeader('R')).toBe('# Databricks notebook source');
  });

  it('adds the header when it is missing, and only then', () => {
    expect(withNotebookHeader(bytes('print(1)'), 'PYTHON').toString()).toBe(
      '# Databricks notebook source\nprint(1)',
    );
    const source = '# Databricks notebook source\nprint(1)';
    expect(withNotebookHeader(bytes(source), 'PYTHON').toString()).toBe(source);
  });

  it('reads the first line without terminator or byte order mark', () => {
    expect(firstLineOf(bytes('\uFEFFfirst  \r\nsecond'))).toBe('first');
    expect(firstLineOf(bytes(''))).toBe('');
  });

  it('knows languages by extension', () => {
    expect(languageOfName('etl.py')).toEqual({ language: 'PYTHON', stem: 'etl' });
    expect(languageOfName('a.b.sql')).toEqual({ language: 'SQL', stem: 'a.b' });
    expect(languageOfName('x.ipynb')).toBeUndefined();
  });
});

const SEP = '\n\n# COMMAND ----------\n\n';

describe('parseNotebookSource', () => {
  it('splits a Python notebook into cells at the COMMAND separators', () => {
    const parsed = parseNotebookSource(`# Databricks notebook source\nx = 1${SEP}print(x)\n`);
    expect(parsed.language).toBe('PYTHON');
    expect(parsed.isNotebook).toBe(true);
    expect(parsed.cells).toEqual([
      { index: 1, kind: 'python', source: 'x = 1' },
      { index: 2, kind: 'python', source: 'print(x)' },
    ]);
  });

  it.each([
    ['%sql', '# MAGIC %sql\n# MAGIC SELECT 1\n# MAGIC FROM t', 'sql', 'SELECT 1\nFROM t'],
    ['%md', '# MAGIC %md\n# MAGIC # Title', 'markdown', '# Title'],
    ['%python', '# MAGIC %python\n# MAGIC print(1)', 'python', 'print(1)'],
    ['%run', '# MAGIC %run ./other', 'run', './other'],
    ['%pip', '# MAGIC %pip install requests', 'pip', 'install requests'],
    ['%sql with code on its first line', '# MAGIC %sql SELECT 2', 'sql', 'SELECT 2'],
    ['blank MAGIC lines', '# MAGIC %sql\n# MAGIC\n# MAGIC SELECT 3', 'sql', 'SELECT 3'],
  ])('reads a %s cell from its MAGIC lines', (_name, cell, kind, source) => {
    const parsed = parseNotebookSource(`# Databricks notebook source\n${cell}\n`);
    expect(parsed.cells).toHaveLength(1);
    expect(parsed.cells[0]).toMatchObject({ kind, source });
  });

  it('reads a magic typed without the MAGIC prefix, as the notebook editor takes it', () => {
    const parsed = parseNotebookSource(
      '# Databricks notebook source\n%sql\nSELECT 1\n\n# COMMAND ----------\n\n%md # Notes\n',
    );
    expect(parsed.cells).toMatchObject([
      { kind: 'sql', magic: 'sql', source: 'SELECT 1' },
      { kind: 'markdown', magic: 'md', source: '# Notes' },
    ]);
  });

  it('keeps a cell with MAGIC and plain lines as code of the notebook language', () => {
    const parsed = parseNotebookSource('# Databricks notebook source\n# MAGIC %sql\nprint(1)\n');
    expect(parsed.cells[0]).toMatchObject({ kind: 'python', source: '# MAGIC %sql\nprint(1)' });
  });

  it('reads SQL notebooks with -- comments, and their %python cells', () => {
    const text =
      '-- Databricks notebook source\nSELECT 1\n\n-- COMMAND ----------\n\n-- MAGIC %python\n-- MAGIC print(2)\n';
    const parsed = parseNotebookSource(text);
    expect(parsed.language).toBe('SQL');
    expect(parsed.cells).toEqual([
      { index: 1, kind: 'sql', source: 'SELECT 1' },
      { index: 2, kind: 'python', magic: 'python', source: 'print(2)' },
    ]);
  });

  it('drops empty cells but keeps the position of the others', () => {
    const parsed = parseNotebookSource(`# Databricks notebook source\na = 1${SEP}\n${SEP}b = 2`);
    expect(parsed.cells.map((cell) => cell.index)).toEqual([1, 3]);
  });

  it('takes a cell title from its DBTITLE line', () => {
    const parsed = parseNotebookSource('# Databricks notebook source\n# DBTITLE 1,Load data\nx = 1\n');
    expect(parsed.cells[0]).toMatchObject({ title: 'Load data', source: 'x = 1' });
  });

  it('reads CRLF line endings and a byte order mark', () => {
    const parsed = parseNotebookSource(
      '\uFEFF# Databricks notebook source\r\nx = 1\r\n\r\n# COMMAND ----------\r\n\r\ny = 2\r\n',
    );
    expect(parsed.cells.map((cell) => cell.source)).toEqual(['x = 1', 'y = 2']);
  });

  it.each([
    ['/Users/a/job.py', 'PYTHON', 'python'],
    ['/Users/a/query.sql', 'SQL', 'sql'],
    ['/Users/a/no-extension', 'PYTHON', 'python'],
  ])('treats a file without the header (%s) as one %s cell', (path, language, kind) => {
    const parsed = parseNotebookSource('\nline one\nline two\n', path);
    expect(parsed).toEqual({
      language,
      isNotebook: false,
      cells: [{ index: 1, kind, source: 'line one\nline two' }],
    });
  });

  it('recognises the header as import does, and only on the first line', () => {
    expect(parseNotebookSource('# Databricks notebook source  \nx = 1').isNotebook).toBe(true);
    expect(parseNotebookSource('\n# Databricks notebook source\nx = 1').isNotebook).toBe(false);
  });

  it('recognises Scala notebooks, and R ones by their extension', () => {
    expect(parseNotebookSource('// Databricks notebook source\nval x = 1').language).toBe('SCALA');
    expect(parseNotebookSource('# Databricks notebook source\nx <- 1', '/a/nb.r').language).toBe('R');
  });
});
