import { describe, expect, it } from 'vitest';
import { type AnsweredCall, auditRecordOf, recordedEvent } from './audit-event.js';

const call: AnsweredCall = {
  accountId: 'acc',
  action: { serviceName: 'clusters', actionName: 'create', level: 'WORKSPACE_LEVEL', openRoute: false },
  caller: { email: 'ana@example.com', tokenId: 'tok-1', workspaceId: 42, sessionId: null },
  sourceIp: '10.0.0.1',
  userAgent: 'databricks-sdk-py/0.50.0',
  requestId: 'req-7',
  params: { cluster_name: 'a' },
  response: { status_code: 200, error_message: null, result: '{"cluster_id":"c"}' },
};

describe('auditRecordOf', () => {
  it('records a call in the Databricks shape, with the token that authenticated it', () => {
    expect(recordedEvent(auditRecordOf(call, 'e1'), Date.UTC(2026, 0, 2, 3, 4, 5))).toEqual({
      event_id: 'e1',
      event_time: Date.UTC(2026, 0, 2, 3, 4, 5),
      event_date: '2026-01-02',
      workspace_id: 42,
      account_id: 'acc',
      version: '2.0',
      source_ip_address: '10.0.0.1',
      user_agent: 'databricks-sdk-py/0.50.0',
      session_id: null,
      user_identity: { email: 'ana@example.com', subjectName: null },
      service_name: 'clusters',
      action_name: 'create',
      request_id: 'req-7',
      request_params: { cluster_name: 'a', tokenId: 'tok-1' },
      response: { status_code: 200, error_message: null, result: '{"cluster_id":"c"}' },
      audit_level: 'WORKSPACE_LEVEL',
      identity_metadata: { run_by: 'ana@example.com', run_as: 'ana@example.com', acting_resource: null },
    });
  });

  it('records an unknown caller with an empty email and no identity', () => {
    const record = auditRecordOf({
      ...call,
      caller: { email: '', tokenId: undefined, workspaceId: undefined, sessionId: null },
      response: { status_code: 401, error_message: 'Invalid access token', result: null },
    });
    expect(record).toMatchObject({
      workspace_id: 0,
      user_identity: { email: '' },
      request_params: { cluster_name: 'a' },
      identity_metadata: null,
    });
    expect(record.event_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('records an account-level call with workspace_id 0, whatever workspace the caller named', () => {
    const action = { ...call.action, level: 'ACCOUNT_LEVEL' as const };
    expect(auditRecordOf({ ...call, action })).toMatchObject({
      workspace_id: 0,
      audit_level: 'ACCOUNT_LEVEL',
    });
  });
});
