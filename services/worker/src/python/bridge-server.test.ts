import { afterEach, describe, expect, it } from 'vitest';
import { type Bridge, BridgeCallError, startBridge } from './bridge-server.js';

describe('the runtime bridge', () => {
  let bridge: Bridge | undefined;
  afterEach(async () => bridge?.close());

  const describeError = (error: unknown) =>
    error instanceof BridgeCallError ? error : new BridgeCallError('INTERNAL', String(error));

  const call = (op: string, body: unknown, token = bridge?.token ?? '') =>
    fetch(`${bridge?.url}/rpc/${op}`, {
      method: 'POST',
      headers: { 'x-brickyard-token': token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers an operation with its result', async () => {
    bridge = await startBridge({ echo: async (args) => ({ got: args.value }) }, describeError);
    const response = await call('echo', { value: 42 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: { got: 42 } });
  });

  it('refuses callers without the token', async () => {
    bridge = await startBridge({ echo: async () => 1 }, describeError);
    expect((await call('echo', {}, 'wrong')).status).toBe(401);
  });

  it('answers errors with their type: 400 for the caller, 500 for the runtime', async () => {
    bridge = await startBridge(
      {
        bad: async () => {
          throw new BridgeCallError('FILE_NOT_FOUND', 'no such file');
        },
        broken: async () => {
          throw new Error('oops');
        },
      },
      describeError,
    );
    const bad = await call('bad', {});
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { type: 'FILE_NOT_FOUND', message: 'no such file' } });
    expect((await call('broken', {})).status).toBe(500);
    expect((await call('unknown', {})).status).toBe(404);
    expect((await call('echo', [1, 2])).status).toBe(404);
  });

  it('listens on loopback only', async () => {
    bridge = await startBridge({}, describeError);
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
