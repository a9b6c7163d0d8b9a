import { describe, expect, it } from 'vitest';
import { importDefaults } from './import-defaults';

describe('import defaults', () => {
  it('drops a notebook extension for SOURCE and keeps it otherwise', () => {
    expect(importDefaults('etl.py', 'SOURCE')).toEqual({ name: 'etl', language: 'PYTHON' });
    expect(importDefaults('etl.py', 'AUTO')).toEqual({ name: 'etl.py', language: 'PYTHON' });
    expect(importDefaults('Report.SQL', 'RAW')).toEqual({ name: 'Report.SQL', language: 'SQL' });
  });

  it('proposes no language for other files', () => {
    expect(importDefaults('data.csv', 'SOURCE')).toEqual({ name: 'data.csv', language: undefined });
    expect(importDefaults('.py', 'SOURCE')).toEqual({ name: '.py', language: undefined });
  });
});
