import { describe, expect, it } from 'vitest';
import { readSchedulerConfig } from './config.js';

describe('scheduler configuration', () => {
  it('needs REDIS_URL and defaults the rest', () => {
    expect(() => readSchedulerConfig({})).toThrow(/REDIS_URL/);
    const config = readSchedulerConfig({
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATABRICKS_HOST: 'http://api:1/',
    });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 18083,
      shard: 'default',
      apiUrl: 'http://api:1',
    });
  });

  it('narrows the scheduler to some workspaces', () => {
    expect(readSchedulerConfig({ REDIS_URL: 'r' }).workspaces).toBeUndefined();
    expect(
      readSchedulerConfig({ REDIS_URL: 'r', BRICKYARD_SCHEDULER_WORKSPACES: '1,22' }).workspaces,
    ).toEqual(new Set([1, 22]));
    expect(() => readSchedulerConfig({ REDIS_URL: 'r', BRICKYARD_SCHEDULER_WORKSPACES: 'x' })).toThrow(
      /WORKSPACES/,
    );
  });

  it('refuses malformed numbers and shard names', () => {
    expect(() => readSchedulerConfig({ REDIS_URL: 'r', BRICKYARD_SCHEDULER_PORT: 'x' })).toThrow(
      /port number/,
    );
    expect(() => readSchedulerConfig({ REDIS_URL: 'r', BRICKYARD_SCHEDULER_SHARD: 'A B' })).toThrow(/SHARD/);
    expect(() => readSchedulerConfig({ REDIS_URL: 'r', BRICKYARD_SCHEDULER_POLL_MS: '0.5' })).toThrow(
      /POLL_MS must be a positive integer/,
    );
  });
});
