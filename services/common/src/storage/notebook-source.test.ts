import { describe, expect, it } from 'vitest';
import {
  detectAutoImport,
  firstLineOf,
  languageOfName,
  notebookHeader,
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
