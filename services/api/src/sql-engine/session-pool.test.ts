import { describe, expect, it } from 'vitest';
import type { ConnectSession } from './connect-client.js';
import { SESSION_IDLE_MS, SessionPool, type SessionTarget } from './session-pool.js';

function poolWithLog() {
  const released: string[] = [];
  const gone: string[] = [];
  let now = 0;
  const pool = new SessionPool(
    (session: ConnectSession) => released.push(session.sessionId),
    (address) => gone.push(address),
    () => now,
  );
  return { pool, released, gone, advance: (ms: number) => (now += ms) };
}

const target: SessionTarget = {
  workspaceId: 1,
  compute: 'w1',
  address: 'a:1',
  userId: 'u',
  catalog: 'main',
  schema: 's',
};

describe('SessionPool', () => {
  it('hands a session given back as reusable to the next statement of the same target', () => {
    const { pool, released } = poolWithLog();
    const first = pool.acquire(target);
    expect(first.reused).toBe(false);
    pool.giveBack(first, true);
    const second = pool.acquire(target);
    expect(second).toMatchObject({ reused: true, session: { sessionId: first.session.sessionId } });
    expect(released).toEqual([]);
  });

  it('releases a session given back as not reusable', () => {
    const { pool, released } = poolWithLog();
    const lease = pool.acquire(target);
    pool.giveBack(lease, false);
    expect(released).toEqual([lease.session.sessionId]);
    expect(pool.acquire(target).reused).toBe(false);
  });

  it.each([
    ['another user', { userId: 'v' }],
    ['another catalog', { catalog: 'other' }],
    ['another schema', { schema: undefined }],
  ])('never shares a session with %s', (_name, change) => {
    const { pool } = poolWithLog();
    pool.giveBack(pool.acquire(target), true);
    expect(pool.acquire({ ...target, ...change }).reused).toBe(false);
  });

  it('gives two statements at once two sessions', () => {
    const { pool } = poolWithLog();
    const one = pool.acquire(target);
    const two = pool.acquire(target);
    expect(one.session.sessionId).not.toBe(two.session.sessionId);
  });

  it('drops the sessions of a compute whose driver moved, and the old driver with them', () => {
    const { pool, released, gone } = poolWithLog();
    const old = pool.acquire(target);
    pool.giveBack(old, true);
    const moved = pool.acquire({ ...target, address: 'b:1' });
    expect(moved.reused).toBe(false);
    expect(released).toEqual([old.session.sessionId]);
    expect(gone).toEqual(['a:1']);
  });

  it('releases a session that ended on a driver the compute has left since', () => {
    const { pool, released } = poolWithLog();
    const running = pool.acquire(target);
    pool.acquire({ ...target, address: 'b:1' });
    pool.giveBack(running, true);
    expect(released).toEqual([running.session.sessionId]);
  });

  it('releases sessions idle for too long', () => {
    const { pool, released, advance } = poolWithLog();
    const lease = pool.acquire(target);
    pool.giveBack(lease, true);
    advance(SESSION_IDLE_MS + 1);
    expect(pool.acquire(target).reused).toBe(false);
    expect(released).toEqual([lease.session.sessionId]);
  });

  it('gives a renewed lease a new session, to be prepared again', () => {
    const { pool } = poolWithLog();
    pool.giveBack(pool.acquire(target), true);
    const lease = pool.acquire(target);
    const before = lease.session.sessionId;
    pool.renew(lease);
    expect(lease).toMatchObject({ reused: false, inNamespace: false });
    expect(lease.session.sessionId).not.toBe(before);
    expect(lease.session.observed).toEqual({});
  });
});
