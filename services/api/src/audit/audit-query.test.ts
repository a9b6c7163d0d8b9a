import { describe, expect, it } from 'vitest';
import type { AuditEvent } from './audit-event.js';
import { auditQueryOf, encodePageToken, matchesQuery } from './audit-query.js';

const NOW = 1_800_000_000_000;
const DAY = 86_400_000;

describe('auditQueryOf', () => {
  it('asks for the whole retention, 100 events, when nothing is given', () => {
    expect(auditQueryOf({}, NOW, 30 * DAY)).toEqual({
      startTime: NOW - 30 * DAY,
      endTime: undefined,
      serviceName: undefined,
      actionName: undefined,
      userName: undefined,
      maxResults: 100,
      before: undefined,
    });
  });

  it('never reaches before the retention', () => {
    expect(auditQueryOf({ start_time: 0 }, NOW, DAY).startTime).toBe(NOW - DAY);
    expect(auditQueryOf({ start_time: NOW - 5 }, NOW, DAY).startTime).toBe(NOW - 5);
  });

  it('resumes where its page token says', () => {
    const query = auditQueryOf({ page_token: encodePageToken('1700000000000-3') }, NOW, DAY);
    expect(query.before).toBe('1700000000000-3');
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['no cursor', Buffer.from('{}').toString('base64url')],
    ['a cursor that is no entry id', Buffer.from('{"before":"0-0 +"}').toString('base64url')],
  ])('refuses a page token that is %s', (_name, token) => {
    expect(() => auditQueryOf({ page_token: token }, NOW, DAY)).toThrow(/Invalid page_token/);
  });

  it('refuses an end before the start', () => {
    expect(() => auditQueryOf({ start_time: 10, end_time: 5 }, NOW, DAY)).toThrow(/end_time/);
  });
});

describe('matchesQuery', () => {
  const event = {
    service_name: 'clusters',
    action_name: 'create',
    user_identity: { email: 'ana@example.com', subjectName: null },
  } as AuditEvent;
  const query = { startTime: 0, maxResults: 10 };

  it.each([
    ['no filter', {}, true],
    ['its service', { serviceName: 'clusters' }, true],
    ['another service', { serviceName: 'jobs' }, false],
    ['its service and action', { serviceName: 'clusters', actionName: 'create' }, true],
    ['another action', { actionName: 'delete' }, false],
    ['its user', { userName: 'ana@example.com' }, true],
    ['another user', { userName: 'bob@example.com' }, false],
  ])('with %s: %s', (_name, filter, expected) => {
    expect(matchesQuery(event, { ...query, ...filter })).toBe(expected);
  });
});
