import { describe, expect, it } from 'vitest';
import { isWorkerAlive, masterStatusUrl } from './master-status.js';

const worker = (host: string, state: string) => ({
  id: `worker-${host}`,
  host,
  port: 40123,
  state,
  cores: 2,
});

describe('isWorkerAlive', () => {
  it.each([
    [
      'registered when its Worker is ALIVE',
      { workers: [worker('127.32.0.9', 'ALIVE'), worker('127.32.0.7', 'ALIVE')] },
      true,
    ],
    [
      'registered when an old Worker of its address is DEAD beside the live one',
      { workers: [worker('127.32.0.7', 'DEAD'), worker('127.32.0.7', 'ALIVE')] },
      true,
    ],
    ['not registered when its Worker is DEAD', { workers: [worker('127.32.0.7', 'DEAD')] }, false],
    [
      'not registered when only other pods’ Workers are there',
      { workers: [worker('127.32.0.9', 'ALIVE')] },
      false,
    ],
    ['not registered when no worker registered yet', { workers: [] }, false],
    ['not registered when the answer is not the master’s', { status: 'ALIVE' }, false],
    ['not registered when the answer is null', null, false],
  ])('says %s', (_case, status, alive) => {
    expect(isWorkerAlive(status, '127.32.0.7')).toBe(alive);
  });
});

describe('masterStatusUrl', () => {
  it('asks the master’s web UI on the master’s host', () => {
    expect(masterStatusUrl('spark://127.32.0.5:7077')).toBe('http://127.32.0.5:8080/json/');
  });
});
