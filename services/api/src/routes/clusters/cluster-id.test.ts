import { describe, expect, it } from 'vitest';
import { newClusterId } from './cluster-id.js';

describe('newClusterId', () => {
  it('encodes the UTC creation time and a random suffix like Databricks', () => {
    const id = newClusterId(new Date(Date.UTC(2026, 0, 23, 4, 5, 6)), (size) => Buffer.alloc(size, 1));
    expect(id).toBe('0123-040506-bbbbbbbb');
  });

  it('is a valid Kubernetes object name', () => {
    expect(newClusterId()).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });
});
