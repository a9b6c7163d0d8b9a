import { describe, expect, it } from 'vitest';
import { parseNotebookSource } from './notebook-source.js';

const SEP = '\n\n# COMMAND ----------\n\n';

describe('parseNotebookSource', () => {
  it('splits a Python notebook into cells at the COMMAND separators', () => {
    const parsed = parseNotebookSource(`# Databricks notebook source\nx = 1${SEP}print(x)\n`);
    expect(parsed.language).toBe('python');
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

  it('keeps a cell with MAGIC and plain lines as code of the notebook language', () => {
    const parsed = parseNotebookSource('# Databricks notebook source\n# MAGIC %sql\nprint(1)\n');
    expect(parsed.cells[0]).toMatchObject({ kind: 'python', source: '# MAGIC %sql\nprint(1)' });
  });

  it('reads SQL notebooks with -- comments, and their %python cells', () => {
    const text =
      '-- Databricks notebook source\nSELECT 1\n\n-- COMMAND ----------\n\n-- MAGIC %python\n-- MAGIC print(2)\n';
    const parsed = parseNotebookSource(text);
    expect(parsed.language).toBe('sql');
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
    ['/Users/a/job.py', 'python'],
    ['/Users/a/query.sql', 'sql'],
    ['/Users/a/no-extension', 'python'],
  ])('treats a file without the header (%s) as one %s cell', (path, language) => {
    const parsed = parseNotebookSource('\nline one\nline two\n', path);
    expect(parsed).toEqual({
      language,
      isNotebook: false,
      cells: [{ index: 1, kind: language, source: 'line one\nline two' }],
    });
  });

  it('recognises Scala notebooks, and R ones by their extension', () => {
    expect(parseNotebookSource('// Databricks notebook source\nval x = 1').language).toBe('scala');
    expect(parseNotebookSource('# Databricks notebook source\nx <- 1', '/a/nb.r').language).toBe('r');
  });
});
