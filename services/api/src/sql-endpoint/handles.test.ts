import { describe, expect, it } from 'vitest';
import { handleId, newHandleIdentifier, secretMatches } from './handles.js';

describe('handle identifiers', () => {
  it('are a UUID the client names them by and a secret of 16 bytes', () => {
    const handle = newHandleIdentifier();
    expect(handle.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(handle.guid.toString('hex')).toBe(handle.id.replaceAll('-', ''));
    expect(handle.secret).toHaveLength(16);
    expect(newHandleIdentifier().id).not.toBe(handle.id);
  });

  it('read a guid back as the UUID it was made from', () => {
    const handle = newHandleIdentifier();
    expect(handleId(Buffer.from(handle.guid))).toBe(handle.id);
  });

  it.each([
    ['no guid', undefined],
    ['a guid of 15 bytes', Buffer.alloc(15)],
    ['a guid of 17 bytes', Buffer.alloc(17)],
    ['a string', 'abc' as unknown as Buffer],
  ])('cannot be read from %s', (_what, guid) => {
    expect(handleId(guid)).toBeUndefined();
  });

  it('match only their own secret', () => {
    const handle = newHandleIdentifier();
    expect(secretMatches(handle, Buffer.from(handle.secret))).toBe(true);
    expect(secretMatches(handle, newHandleIdentifier().secret)).toBe(false);
    expect(secretMatches(handle, Buffer.alloc(3))).toBe(false);
    expect(secretMatches(handle, undefined)).toBe(false);
  });
});
