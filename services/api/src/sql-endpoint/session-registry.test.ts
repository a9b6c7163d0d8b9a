import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { RowsOperation } from './rows-operation.js';
import { type RegistryLimits, SessionRegistry } from './session-registry.js';
import { ttypes } from './tcli.js';
import { type SessionOwner, ThriftSession } from './thrift-session.js';

const log = {} as FastifyBaseLogger;
const ada: SessionOwner = { workspaceId: 1, userName: 'ada@example.com', computeKey: 'warehouse/w' };
const limits: RegistryLimits = {
  maxSessions: 2,
  maxOperationsPerSession: 2,
  sessionIdleMs: 1000,
  operationIdleMs: 500,
};

const sessionOf = (owner = ada) => new ThriftSession(owner, { sparkSettings: [] }, log);
const operation = () => new RowsOperation(ttypes.TOperationType.GET_CATALOGS, [], []);
const identifier = (handle: { guid: Buffer; secret: Buffer }) => new ttypes.THandleIdentifier(handle);

function registry() {
  const released: ThriftSession[] = [];
  return { sessions: new SessionRegistry((session) => released.push(session), limits), released };
}

describe('the sessions of an API process', () => {
  it('find a session by its handle for its owner only', () => {
    const { sessions } = registry();
    const session = sessionOf();
    sessions.open(session);
    expect(sessions.session(identifier(session.handle), ada)).toBe(session);
    expect(() => sessions.session(identifier(session.handle), { ...ada, userName: 'eve' })).toThrow(
      'Invalid SessionHandle',
    );
    const forged = { guid: session.handle.guid, secret: Buffer.alloc(16) };
    expect(() => sessions.session(identifier(forged), ada)).toThrow('Invalid SessionHandle');
  });

  it('refuse a session past the limit', () => {
    const { sessions } = registry();
    sessions.open(sessionOf());
    sessions.open(sessionOf());
    expect(() => sessions.open(sessionOf())).toThrow('Too many open sessions (2)');
  });

  it('close a session’s least recently used operation when it opens one too many', () => {
    const { sessions } = registry();
    const session = sessionOf();
    sessions.open(session);
    const [first, second, third] = [operation(), operation(), operation()];
    first.lastUsed = 1;
    sessions.addOperation(session, first);
    sessions.addOperation(session, second);
    sessions.addOperation(session, third);
    expect(first.status().state).toBe('CLOSED');
    expect(() => sessions.operation(identifier(first.handle), ada)).toThrow('Invalid OperationHandle');
    expect(sessions.operation(identifier(third.handle), ada)).toBe(third);
  });

  it('expire idle operations, then idle sessions, releasing what they hold', () => {
    const { sessions, released } = registry();
    const session = sessionOf();
    sessions.open(session);
    const idle = operation();
    sessions.addOperation(session, idle);
    const now = Date.now();
    sessions.sweep(now + 600);
    expect(idle.status().state).toBe('CLOSED');
    expect(sessions.size).toBe(1);
    sessions.sweep(now + 1100);
    expect(sessions.size).toBe(0);
    expect(released).toEqual([session]);
  });
});
