import { describe, expect, it } from 'vitest';
import { DatabricksError } from '../../errors/databricks-error.js';
import { ClusterLimit } from './cluster-limit.js';

/** A create that lands in `stored` only when `land` is called, as the apiserver answers later. */
function slowCreate(stored: string[]) {
  let land: () => void = () => {};
  const landed = new Promise<void>((resolve) => {
    land = resolve;
  });
  return {
    run: async () => {
      await landed;
      stored.push('cluster');
    },
    land: () => land(),
  };
}

describe('ClusterLimit', () => {
  it('lets creates through while the workspace is under its limit', async () => {
    const stored: string[] = [];
    const limit = new ClusterLimit();
    await limit.create(
      'ns',
      2,
      () => stored.length,
      async () => stored.push('a'),
    );
    await limit.create(
      'ns',
      2,
      () => stored.length,
      async () => stored.push('b'),
    );
    expect(stored).toEqual(['a', 'b']);
  });

  it('refuses with QUOTA_EXCEEDED once the stored clusters reach the limit', async () => {
    const limit = new ClusterLimit();
    const refused = limit.create(
      'ns',
      1,
      () => 1,
      async () => 'created',
    );
    await expect(refused).rejects.toMatchObject({ errorCode: 'QUOTA_EXCEEDED', statusCode: 400 });
    await expect(refused).rejects.toBeInstanceOf(DatabricksError);
  });

  it('counts creates in flight, so a burst cannot pass the limit before the cache sees them', async () => {
    const stored: string[] = [];
    const limit = new ClusterLimit();
    const first = slowCreate(stored);
    const running = limit.create('ns', 1, () => stored.length, first.run);
    await expect(
      limit.create(
        'ns',
        1,
        () => stored.length,
        async () => 'second',
      ),
    ).rejects.toMatchObject({
      errorCode: 'QUOTA_EXCEEDED',
    });
    first.land();
    await running;
    expect(stored).toHaveLength(1);
  });

  it('frees the reservation of a create that failed', async () => {
    const limit = new ClusterLimit();
    await expect(
      limit.create(
        'ns',
        1,
        () => 0,
        async () => Promise.reject(new Error('apiserver down')),
      ),
    ).rejects.toThrow('apiserver down');
    await expect(
      limit.create(
        'ns',
        1,
        () => 0,
        async () => 'created',
      ),
    ).resolves.toBe('created');
  });

  it('keeps workspaces apart and has no limit when none is set', async () => {
    const limit = new ClusterLimit();
    await expect(
      limit.create(
        'a',
        1,
        () => 0,
        async () => 'a',
      ),
    ).resolves.toBe('a');
    await expect(
      limit.create(
        'b',
        undefined,
        () => 1_000,
        async () => 'b',
      ),
    ).resolves.toBe('b');
  });
});
