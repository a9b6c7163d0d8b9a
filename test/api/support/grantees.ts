import { expect } from 'vitest';
import type { ApiCaller, Body, TestApp } from './test-app.js';
import type { TestWorkspace } from './test-workspace.js';

/**
 * Principals of every kind holding each permission level on an object, for the permission matrix
 * tests: route × level × kind of principal, allowed or denied.
 */
const SCIM = '/api/2.0/preview/scim/v2';

export type Kind = 'user' | 'group' | 'service principal';
export const KINDS: Kind[] = ['user', 'group', 'service principal'];

/** A principal with a token, and how a grant names it (for a group: a group it is in). */
export interface Grantee {
  call: ApiCaller;
  entry: (level: string) => Body;
}

let suffix = 0;
export async function grantee(api: TestApp, workspace: TestWorkspace, kind: Kind): Promise<Grantee> {
  suffix += 1;
  const tag = `${Date.now()}-${suffix}`;
  if (kind === 'user') {
    const userName = `matrix-${tag}@example.com`;
    const user = await workspace.admin<{ id: string }>('POST', `${SCIM}/Users`, { body: { userName } });
    const token = await workspace.admin<{ token_value: string }>(
      'POST',
      `/api/2.0/brickyard/users/${user.body.id}/tokens`,
      {
        body: { lifetime_seconds: 1800 },
      },
    );
    expect(token.status, token.text).toBe(200);
    return {
      call: api.as(token.body.token_value),
      entry: (level) => ({ user_name: userName, permission_level: level }),
    };
  }
  const sp = await workspace.admin<{ id: string; applicationId: string }>(
    'POST',
    `${SCIM}/ServicePrincipals`,
    {
      body: { displayName: `matrix ${tag}` },
    },
  );
  const token = await workspace.admin<{ token_value: string }>(
    'POST',
    '/api/2.0/token-management/on-behalf-of/tokens',
    {
      body: { application_id: sp.body.applicationId, lifetime_seconds: 1800 },
    },
  );
  const call = api.as(token.body.token_value);
  if (kind === 'service principal') {
    return {
      call,
      entry: (level) => ({ service_principal_name: sp.body.applicationId, permission_level: level }),
    };
  }
  const groupName = `matrix-group-${tag}`;
  const group = await workspace.admin('POST', `${SCIM}/Groups`, {
    body: { displayName: groupName, members: [{ value: sp.body.id }] },
  });
  expect(group.status, group.text).toBe(201);
  return { call, entry: (level) => ({ group_name: groupName, permission_level: level }) };
}

/** For each level (and none), one grantee of each kind holding it on the object (a PUT to `path`). */
export async function granteesFor(
  api: TestApp,
  workspace: TestWorkspace,
  path: string,
  levels: readonly string[],
): Promise<Grantees> {
  const byLevel = new Map<string, Map<Kind, Grantee>>();
  const acl: Body[] = [];
  for (const level of ['NONE', ...levels]) {
    const kinds = new Map<Kind, Grantee>();
    for (const kind of KINDS) {
      const who = await grantee(api, workspace, kind);
      kinds.set(kind, who);
      if (level !== 'NONE') acl.push(who.entry(level));
    }
    byLevel.set(level, kinds);
  }
  const put = await workspace.admin('PUT', path, { body: { access_control_list: acl } });
  expect(put.status, put.text).toBe(200);
  return byLevel;
}

export type Grantees = Map<string, Map<Kind, Grantee>>;

export function callerOf(grantees: Grantees, level: string, kind: Kind): ApiCaller {
  const who = grantees.get(level)?.get(kind);
  if (!who) throw new Error(`no ${kind} holding ${level}`);
  return who.call;
}

export function cases(levels: readonly string[], routes: readonly (readonly [string, string])[]) {
  return routes.flatMap(([route, needed]) =>
    ['NONE', ...levels].flatMap((level) =>
      KINDS.map((kind) => {
        const allowed = level !== 'NONE' && levels.indexOf(level) >= levels.indexOf(needed);
        return [route, level, kind, allowed] as const;
      }),
    ),
  );
}
