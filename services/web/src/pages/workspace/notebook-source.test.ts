import { describe, expect, it } from 'vitest';
import { headerLanguage, parseNotebookSource } from './notebook-source';

const PYTHON = [
  '# Databricks notebook source',
  '# MAGIC %md',
  '# MAGIC # Title',
  '# MAGIC Some *text*.',
  '',
  '# COMMAND ----------',
  '',
  'print("hello")',
  '',
  '# COMMAND ----------',
  '',
  '# DBTITLE 1,Count rows',
  '# MAGIC %sql',
  '# MAGIC SELECT count(*)',
  '# MAGIC FROM t',
  '',
  '# COMMAND ----------',
  '',
  '',
].join('\n');

describe('notebook source', () => {
  it('splits a Python notebook into markdown, code and SQL cells', () => {
    expect(parseNotebookSource(PYTHON, 'PYTHON')).toEqual([
      { kind: 'markdown', language: 'markdown', source: '# Title\nSome *text*.' },
      { kind: 'code', language: 'python', source: 'print("hello")' },
      { kind: 'code', language: 'sql', source: 'SELECT count(*)\nFROM t', title: 'Count rows' },
    ]);
  });

  it('splits a SQL notebook on its own separator', () => {
    const source = [
      '-- Databricks notebook source',
      'SELECT 1',
      '-- COMMAND ----------',
      '-- MAGIC %python',
      '-- MAGIC print(2)',
    ].join('\n');
    expect(parseNotebookSource(source, 'SQL')).toEqual([
      { kind: 'code', language: 'sql', source: 'SELECT 1' },
      { kind: 'code', language: 'python', source: 'print(2)' },
    ]);
  });

  it('keeps other magics by name and takes a magic typed without the prefix', () => {
    const source = '# Databricks notebook source\n%pip install x\n# COMMAND ----------\n# MAGIC %run ./other';
    expect(parseNotebookSource(source, 'PYTHON')).toEqual([
      { kind: 'code', language: 'pip', source: 'install x' },
      { kind: 'code', language: 'run', source: './other' },
    ]);
  });

  it('reads a source without a header as one cell, and Windows line ends', () => {
    expect(parseNotebookSource('x = 1\r\ny = 2\r\n', 'PYTHON')).toEqual([
      { kind: 'code', language: 'python', source: 'x = 1\ny = 2' },
    ]);
  });

  it('recognises the header of each language', () => {
    expect(headerLanguage('-- Databricks notebook source')).toBe('SQL');
    expect(headerLanguage('// Databricks notebook source')).toBe('SCALA');
    expect(headerLanguage('\uFEFF# Databricks notebook source')).toBe('PYTHON');
    expect(headerLanguage('print(1)')).toBeUndefined();
  });
});
