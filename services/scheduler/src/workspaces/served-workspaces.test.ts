import { KubeConfig } from '@kubernetes/client-node';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ServedWorkspaces, shardWorkspaceSelector } from './served-workspaces.js';

describe('shardWorkspaceSelector', () => {
  it.each([
    ['default', '!brickyard.dev/shard'],
    ['helm-e2e', 'brickyard.dev/shard=helm-e2e'],
  ])('the %s shard serves the Workspaces selected by %s', (shard, selector) => {
    expect(shardWorkspaceSelector(shard)).toBe(selector);
  });
});

describe('ServedWorkspaces with a fixed list', () => {
  it('serves exactly the listed workspaces, without watching anything', async () => {
    const served = new ServedWorkspaces({
      kubeConfig: new KubeConfig(),
      shard: 'default',
      only: new Set([7, 9]),
      log: pino({ level: 'silent' }),
    });
    await served.start();
    expect([7, 8, 9].map((id) => served.has(id))).toEqual([true, false, true]);
    await served.stop();
  });
});
