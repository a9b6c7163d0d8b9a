import { describe, expect, it } from 'vitest';
import { coresInUse, workerStatusUrl } from './worker-status.js';

describe('worker status', () => {
  it("is read from the Worker's own web UI on the pod's address", () => {
    expect(workerStatusUrl('127.32.0.7')).toBe('http://127.32.0.7:8081/json/');
  });

  it('reads the cores its executors hold', () => {
    expect(coresInUse({ id: 'worker-1', cores: 2, coresused: 2, executors: [{}] })).toBe(2);
    expect(coresInUse({ coresused: 0, executors: [] })).toBe(0);
    expect(coresInUse(undefined)).toBeUndefined();
    expect(coresInUse({ cores: 2 })).toBeUndefined();
  });
});
