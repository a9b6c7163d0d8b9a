import { describe, expect, it } from 'vitest';
import { exportFileName, objectTypeLabel } from './object-type-label';

describe('object labels', () => {
  it('names types in words', () => {
    expect(objectTypeLabel({ object_type: 'DIRECTORY' })).toBe('Folder');
    expect(objectTypeLabel({ object_type: 'NOTEBOOK', language: 'PYTHON' })).toBe('Notebook (Python)');
    expect(objectTypeLabel({ object_type: 'FILE' })).toBe('File');
    expect(objectTypeLabel({ object_type: 'REPO' })).toBe('Repo');
  });

  it('gives exported notebooks their extension, files their own name', () => {
    expect(exportFileName('etl', 'NOTEBOOK', 'py')).toBe('etl.py');
    expect(exportFileName('data.csv', 'FILE', 'csv')).toBe('data.csv');
  });
});
