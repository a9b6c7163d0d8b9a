import type { ComputeCaller, ComputeCallers } from '@brickyard/common/compute-callers';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ConnectSession, SparkConnectClient } from '../sql-engine/connect-client.js';
import { ConnectSessionOwners } from './connect-session-owners.js';
import { GrpcStatus } from './grpc-status.js';

/** What the owners asked of the driver: each session's settings, in order. */
function setup(options: { failMint?: boolean } = {}) {
  const configured: { session: ConnectSession; settings: Record<string, string> }[] = [];
  let minted = 0;
  const client = {
    setConfig: async (session: ConnectSession, settings: Record<string, string>) => {
      configured.push({ session, settings });
    },
  } as unknown as SparkConnectClient;
  const callers = {
    mint: async (caller: ComputeCaller) => {
      if (options.failMint) throw new Error('Redis is down');
      minted += 1;
      return `credential-${minted}-${caller.userName}`;
    },
  } as unknown as ComputeCallers;
  const owners = new ConnectSessionOwners(() => client, callers, pino({ level: 'silent' }));
  return { owners, configured };
}

const ada: ComputeCaller = { workspaceId: 1, clusterId: 'c-1', userName: 'ada@example.com' };
const grace: ComputeCaller = { ...ada, userName: 'grace@example.com' };
const key = { sessionId: 's-1', userId: 'u' };
const DRIVER = '10.0.0.5:15002';

describe('the owners of Spark Connect sessions', () => {
  it('introduce a session to its caller once, before its first call goes on', async () => {
    const { owners, configured } = setup();
    await Promise.all([owners.admit(DRIVER, key, ada), owners.admit(DRIVER, key, ada)]);
    await owners.admit(DRIVER, key, ada);
    expect(configured).toEqual([
      {
        session: { address: DRIVER, sessionId: 's-1', userId: 'u' },
        settings: { 'spark.brickyard.computeCaller.token': 'credential-1-ada@example.com' },
      },
    ]);
  });

  it("refuse another user's call for a session", async () => {
    const { owners } = setup();
    await owners.admit(DRIVER, key, ada);
    await expect(owners.admit(DRIVER, key, grace)).rejects.toMatchObject({
      code: GrpcStatus.permissionDenied,
      message: 'This Spark session belongs to another user',
    });
  });

  it('tell apart the same session id on another cluster or of another user id', async () => {
    const { owners, configured } = setup();
    await owners.admit(DRIVER, key, ada);
    await owners.admit(DRIVER, key, { ...grace, clusterId: 'c-2' });
    await owners.admit(DRIVER, { ...key, userId: 'v' }, grace);
    expect(configured).toHaveLength(3);
  });

  it('forget a released session, so its id may be introduced again', async () => {
    const { owners, configured } = setup();
    await owners.admit(DRIVER, key, ada);
    owners.forget(DRIVER, key, grace);
    await expect(owners.admit(DRIVER, key, grace)).rejects.toMatchObject({
      code: GrpcStatus.permissionDenied,
    });
    owners.forget(DRIVER, key, ada);
    await owners.admit(DRIVER, key, grace);
    expect(configured.map((call) => call.settings['spark.brickyard.computeCaller.token'])).toEqual([
      'credential-1-ada@example.com',
      'credential-2-grace@example.com',
    ]);
  });

  it('answer UNAVAILABLE when no credential can be minted, and try again on the next call', async () => {
    const { owners } = setup({ failMint: true });
    await expect(owners.admit(DRIVER, key, ada)).rejects.toMatchObject({ code: GrpcStatus.unavailable });
    await expect(owners.admit(DRIVER, key, grace)).rejects.toMatchObject({ code: GrpcStatus.unavailable });
  });
});
