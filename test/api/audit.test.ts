import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../services/api/src/app.js';
import { AuditStore } from '../../services/api/src/audit/audit-store.js';
import { waitFor } from '../integration/support/wait-for.js';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * The audit log: a scripted session of calls in a workspace of its own, then the log as its admin
 * reads it. Each call carries a User-Agent of its own, so its event is found by it.
 */
let api: TestApp;
let workspace: TestWorkspace;

interface AuditEvent {
  event_id: string;
  event_time: number;
  event_date: string;
  workspace_id: number;
  account_id: string;
  version: string;
  source_ip_address: string;
  user_agent: string;
  session_id: string | null;
  user_identity: { email: string; subjectName: string | null };
  service_name: string;
  action_name: string;
  request_id: string;
  request_params: Record<string, string>;
  response: { status_code: number; error_message: string | null; result: string | null };
  audit_level: string;
  identity_metadata: { run_by: string; run_as: string; acting_resource: string | null } | null;
}
interface AuditPage {
  events: AuditEvent[];
  has_more: boolean;
  next_page_token?: string;
}

const LOG = '/api/2.0/brickyard/audit-log';
const AGENT = `audit-test-${process.pid}`;
const agent = (step: string) => ({ 'user-agent': `${AGENT}/${step}` });

/** What each step of the session must have left in the log. */
interface Expected {
  service: string;
  action: string;
  status: number;
  email: string;
}
const expected = new Map<string, Expected>();
let sessionStart: number;
let createdToken: { value: string; id: string };
let jobId: number;

/** Every event of `path`'s log since the session started, page by page. */
async function readLog(token: string, query: Body = {}, path = LOG, orgId?: number): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let pageToken: string | undefined;
  do {
    const page = await api.as(token, orgId)<AuditPage>('GET', path, {
      query: { start_time: sessionStart, ...query, ...(pageToken ? { page_token: pageToken } : {}) },
    });
    expect(page.status, page.text).toBe(200);
    events.push(...page.body.events);
    pageToken = page.body.next_page_token;
  } while (pageToken);
  return events;
}

const sessionEvents = (events: AuditEvent[]) => events.filter((event) => event.user_agent.startsWith(AGENT));

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-audit');
  const me = await workspace.admin<{ userName: string }>('GET', '/api/2.0/preview/scim/v2/Me');
  const admin = me.body.userName;
  const user = workspace.userName;
  const record = (step: string, email: string, service: string, action: string, status: number) =>
    expected.set(step, { service, action, status, email });
  sessionStart = Date.now();

  // 1. A token made by the non-admin user.
  const created = await workspace.user<{ token_value: string; token_info: { token_id: string } }>(
    'POST',
    '/api/2.0/token/create',
    { body: { comment: 'audited', lifetime_seconds: 600 }, headers: agent('create-token') },
  );
  expect(created.status).toBe(200);
  createdToken = { value: created.body.token_value, id: created.body.token_info.token_id };
  record('create-token', user, 'accounts', 'generateDbToken', 200);

  // 2. A read with it.
  const list = await api.as(createdToken.value)('GET', '/api/2.1/clusters/list', { headers: agent('list') });
  expect(list.status).toBe(200);
  record('list', user, 'clusters', 'list', 200);

  // 3. A token that is not valid, addressed to the workspace.
  const denied = await api.as('dapi-not-a-token', workspace.workspaceId)('GET', '/api/2.1/clusters/list', {
    headers: agent('bad-token'),
  });
  expectDatabricksError(denied, 401, 'UNAUTHENTICATED');
  record('bad-token', '', 'clusters', 'list', 401);

  // 4. A non-admin on an admin route.
  const forbidden = await workspace.user('GET', '/api/2.0/token-management/tokens', {
    headers: agent('forbidden'),
  });
  expectDatabricksError(forbidden, 403, 'PERMISSION_DENIED');
  record('forbidden', user, 'accounts', 'listTokens', 403);

  // 5. A call its schema refuses.
  const invalid = await workspace.admin('POST', '/api/2.2/jobs/delete', {
    body: { job_id: 'not-a-number' },
    headers: agent('invalid'),
  });
  expectDatabricksError(invalid, 400, 'INVALID_PARAMETER_VALUE');
  record('invalid', admin, 'jobs', 'delete', 400);

  // 6 and 7. A create and a delete by the admin.
  const job = await workspace.admin<{ job_id: number }>('POST', '/api/2.2/jobs/create', {
    body: { name: 'audited' },
    headers: agent('create-job'),
  });
  expect(job.status, job.text).toBe(200);
  jobId = job.body.job_id;
  record('create-job', admin, 'jobs', 'create', 200);
  const deleted = await workspace.admin('POST', '/api/2.2/jobs/delete', {
    body: { job_id: jobId },
    headers: agent('delete-job'),
  });
  expect(deleted.status).toBe(200);
  record('delete-job', admin, 'jobs', 'delete', 200);

  // 8 and 9. Signing in to the web workspace with the new token, then a call with its cookie.
  const signIn = await api.call('POST', '/api/2.0/brickyard/web-session', {
    body: { token: createdToken.value },
    headers: agent('sign-in'),
  });
  expect(signIn.status).toBe(200);
  record('sign-in', user, 'accounts', 'login', 200);
  const viaCookie = await api.call('GET', '/api/2.1/clusters/list', {
    headers: {
      ...agent('cookie'),
      cookie: `brickyard-session=${createdToken.value}`,
      'x-brickyard-csrf': '1',
    },
  });
  expect(viaCookie.status).toBe(200);
  record('cookie', user, 'clusters', 'list', 200);

  // 10. The token revoked.
  const revoked = await workspace.user('POST', '/api/2.0/token/delete', {
    body: { token_id: createdToken.id },
    headers: agent('revoke'),
  });
  expect(revoked.status).toBe(200);
  record('revoke', user, 'accounts', 'revokeDbToken', 200);

  // 11. A non-admin asking for the audit log.
  const refused = await workspace.user('GET', LOG, { headers: agent('read-log') });
  expectDatabricksError(refused, 403, 'PERMISSION_DENIED');
  record('read-log', user, 'brickyard', 'listAuditEvents', 403);
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('the audit log of a workspace', () => {
  let events: AuditEvent[];

  beforeAll(async () => {
    // Reads are recorded just after they are answered: wait for the last of them.
    events = await waitFor('every call of the session in the audit log', async () => {
      const all = sessionEvents(await readLog(workspace.adminToken));
      return all.length >= expected.size ? all : undefined;
    });
  });

  it('holds every call of the session exactly once, with its service, action, status and user', () => {
    const byStep = events.map((event) => event.user_agent.slice(AGENT.length + 1)).sort();
    expect(byStep).toEqual([...expected.keys()].sort());
    for (const event of events) {
      const step = event.user_agent.slice(AGENT.length + 1);
      expect(
        {
          service: event.service_name,
          action: event.action_name,
          status: event.response.status_code,
          email: event.user_identity.email,
        },
        step,
      ).toEqual(expected.get(step));
    }
  });

  it('records every event in the Databricks shape, in this workspace, newest first', () => {
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(
        [
          'account_id',
          'action_name',
          'audit_level',
          'event_date',
          'event_id',
          'event_time',
          'identity_metadata',
          'request_id',
          'request_params',
          'response',
          'service_name',
          'session_id',
          'source_ip_address',
          'user_agent',
          'user_identity',
          'version',
          'workspace_id',
        ].sort(),
      );
      expect(event).toMatchObject({
        workspace_id: workspace.workspaceId,
        account_id: api.env.accountId,
        version: '2.0',
        audit_level: 'WORKSPACE_LEVEL',
        event_date: new Date(event.event_time).toISOString().slice(0, 10),
      });
      expect(event.event_time).toBeGreaterThanOrEqual(sessionStart - 1000);
    }
    const times = events.map((event) => event.event_time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(events.map((event) => event.event_id)).size).toBe(events.length);
  });

  it('never holds a token value', async () => {
    const all = JSON.stringify(await readLog(workspace.adminToken, { start_time: 0 }));
    for (const secret of [
      createdToken.value,
      workspace.userToken,
      workspace.adminToken,
      api.env.accountToken,
    ]) {
      expect(all).not.toContain(secret);
    }
  });

  it('records the token a call was made with, and the session of a call with the cookie', () => {
    const step = (name: string) =>
      events.find((event) => event.user_agent.endsWith(`/${name}`)) as AuditEvent;
    expect(step('list').request_params.tokenId).toBe(createdToken.id);
    expect(step('list').session_id).toBeNull();
    expect(step('sign-in')).toMatchObject({
      session_id: createdToken.id,
      request_params: { tokenId: createdToken.id },
    });
    expect(step('cookie').session_id).toBe(createdToken.id);
    expect(step('revoke').request_params.token_id).toBe(createdToken.id);
    expect(step('create-job').response.result).toBe(JSON.stringify({ job_id: jobId }));
    expect(step('bad-token')).toMatchObject({
      identity_metadata: null,
      response: { status_code: 401, error_message: expect.stringMatching(/token/i), result: null },
    });
    expect(step('forbidden').identity_metadata).toEqual({
      run_by: workspace.userName,
      run_as: workspace.userName,
      acting_resource: null,
    });
  });

  it('records a mutating call before answering it', async () => {
    const response = await workspace.admin<{ job_id: number }>('POST', '/api/2.2/jobs/create', {
      body: { name: 'recorded first' },
      headers: agent('durable'),
    });
    expect(response.status).toBe(200);
    const [newest] = (
      await api.as(workspace.adminToken)<AuditPage>('GET', LOG, {
        query: { max_results: 1, service_name: 'jobs', action_name: 'create' },
      })
    ).body.events;
    expect(newest?.user_agent).toBe(`${AGENT}/durable`);
    await workspace.admin('POST', '/api/2.2/jobs/delete', { body: { job_id: response.body.job_id } });
  });

  it('pages through the same events, and filters them', async () => {
    const paged: AuditEvent[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await api.as(workspace.adminToken)<AuditPage>('GET', LOG, {
        query: { start_time: sessionStart, max_results: 3, ...(pageToken ? { page_token: pageToken } : {}) },
      });
      expect(page.body.events.length).toBeLessThanOrEqual(3);
      expect(page.body.has_more).toBe(page.body.next_page_token !== undefined);
      paged.push(...page.body.events);
      pageToken = page.body.next_page_token;
      pages += 1;
    } while (pageToken);
    expect(pages).toBeGreaterThan(3);
    const ids = (list: AuditEvent[]) => sessionEvents(list).map((event) => event.event_id);
    expect(ids(paged).slice(-events.length)).toEqual(ids(events));

    const tokens = sessionEvents(await readLog(workspace.adminToken, { service_name: 'accounts' }));
    expect(tokens.every((event) => event.service_name === 'accounts')).toBe(true);
    const created = sessionEvents(
      await readLog(workspace.adminToken, { service_name: 'accounts', action_name: 'generateDbToken' }),
    );
    expect(created.map((event) => event.user_agent)).toEqual([`${AGENT}/create-token`]);
    const byUser = sessionEvents(await readLog(workspace.adminToken, { user_name: workspace.userName }));
    expect(byUser.length).toBeGreaterThan(0);
    expect(byUser.every((event) => event.user_identity.email === workspace.userName)).toBe(true);
  });

  it('refuses a page token it did not make', async () => {
    const response = await workspace.admin('GET', LOG, { query: { page_token: 'garbage' } });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE', /page_token/);
  });
});

describe('audit logs of other workspaces and of the account', () => {
  it("keeps another workspace's events out of this one, and this one's out of it", async () => {
    const other = api.as(api.env.workspaceToken);
    const response = await other('GET', '/api/2.1/clusters/list', { headers: agent('other-workspace') });
    expect(response.status).toBe(200);
    const otherLog = await waitFor('the call in its own workspace', async () => {
      const found = sessionEvents(await readLog(api.env.workspaceToken));
      return found.some((event) => event.user_agent.endsWith('/other-workspace')) ? found : undefined;
    });
    expect(otherLog.every((event) => event.workspace_id === api.env.defaultWorkspaceId)).toBe(true);
    expect(otherLog.some((event) => event.user_agent.endsWith('/create-token'))).toBe(false);
    const ownLog = sessionEvents(await readLog(workspace.adminToken));
    expect(ownLog.some((event) => event.user_agent.endsWith('/other-workspace'))).toBe(false);
  });

  it('keeps account-level calls, and calls of no known workspace, in the account log', async () => {
    const denied = await api.as('dapi-not-a-token')('GET', '/api/2.1/clusters/list', {
      headers: agent('nowhere'),
    });
    expect(denied.status).toBe(401);
    const path = `/api/2.0/accounts/${api.env.accountId}/workspaces`;
    const listed = await api.account('GET', path, { headers: agent('account-list') });
    expect(listed.status).toBe(200);
    const events = await waitFor('both calls in the account log', async () => {
      const found = sessionEvents(
        await readLog(api.env.accountToken, {}, `/api/2.0/accounts/${api.env.accountId}/brickyard/audit-log`),
      );
      return found.length >= 2 ? found : undefined;
    });
    const step = (name: string) => events.find((event) => event.user_agent.endsWith(`/${name}`));
    expect(step('account-list')).toMatchObject({
      workspace_id: 0,
      audit_level: 'ACCOUNT_LEVEL',
      service_name: 'accountsManager',
      action_name: 'listWorkspaceConfigurations',
      response: { status_code: 200 },
    });
    expect(step('nowhere')).toMatchObject({
      workspace_id: 0,
      user_identity: { email: '' },
      response: { status_code: 401 },
    });
  });

  it('lets only account admins read the account log', async () => {
    const response = await workspace.admin(
      'GET',
      `/api/2.0/accounts/${api.env.accountId}/brickyard/audit-log`,
    );
    expectDatabricksError(response, 403, 'PERMISSION_DENIED');
  });
});

describe('when the audit log cannot be written', () => {
  it('refuses a mutating call before it acts while Redis is away, and still answers reads', async () => {
    const away = new AuditStore('redis://127.0.0.1:1', 60_000, pino({ level: 'silent' }));
    const app = await buildApp(
      { ...api.services, audit: away, registry: new Registry() },
      pino({ level: 'silent' }),
    );
    try {
      const headers = { authorization: `Bearer ${workspace.adminToken}` };
      const create = await app.inject({
        method: 'POST',
        url: '/api/2.2/jobs/create',
        headers,
        payload: { name: 'never made' },
      });
      expect(create.statusCode).toBe(503);
      expect(create.json()).toMatchObject({ error_code: 'TEMPORARILY_UNAVAILABLE' });
      const jobs = await workspace.admin<{ jobs?: { settings: { name: string } }[] }>(
        'GET',
        '/api/2.2/jobs/list',
      );
      expect(jobs.body.jobs?.some((job) => job.settings.name === 'never made') ?? false).toBe(false);
      const read = await app.inject({ method: 'GET', url: '/api/2.1/clusters/list', headers });
      expect(read.statusCode).toBe(200);
    } finally {
      await app.close();
      await away.stop();
    }
  });

  it('fails a call that acted when its event is refused, in the Databricks form', async () => {
    const redis = new Redis(process.env.REDIS_URL as string);
    const key = `brickyard:ws:${workspace.workspaceId}:audit`;
    try {
      // A key of another type: Redis is up, and refuses the event (WRONGTYPE).
      await redis.multi().del(key).set(key, 'not a stream').exec();
      const created = await workspace.admin<{ job_id: number }>('POST', '/api/2.2/jobs/create', {
        body: { name: 'acted, not audited' },
      });
      expectDatabricksError(created, 500, 'INTERNAL_ERROR', /audit event could not be recorded/);
      const metrics = await api.call('GET', '/metrics');
      expect(metrics.text).toMatch(/brickyard_api_audit_write_failures_total\{mutating="true"\} [1-9]/);
    } finally {
      await redis.del(key);
      redis.disconnect();
    }
  });
});
