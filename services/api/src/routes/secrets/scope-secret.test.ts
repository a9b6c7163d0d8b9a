import { describe, expect, it } from 'vitest';
import { newScope, withSecret } from './scope-contents.js';
import { contentsOf, scopeSecret, withContents } from './scope-secret.js';

const contents = withSecret(newScope('Team@Prod', 'ada'), 'db', Buffer.from('pw').toString('base64'), 1234);

describe("a scope's Secret", () => {
  const secret = scopeSecret('brickyard-ws-7', 7, contents);

  it('is labelled as a secret scope of its workspace, with a data key per secret', () => {
    expect(secret.metadata?.labels).toEqual({
      'app.kubernetes.io/managed-by': 'brickyard',
      'brickyard.dev/role': 'secret-scope',
      'brickyard.dev/workspace-id': '7',
    });
    expect(secret.type).toBe('brickyard.dev/secret-scope');
    expect(secret.data).toEqual({ db: 'cHc=' });
  });

  it('gives back what it was made from', () => {
    expect(contentsOf(secret)).toEqual(contents);
  });

  it('keeps its metadata when its contents change', () => {
    const stored = { ...secret, metadata: { ...secret.metadata, resourceVersion: '42' } };
    const changed = withContents(stored, { ...contents, acls: [] });
    expect(changed.metadata?.resourceVersion).toBe('42');
    expect(contentsOf(changed).acls).toEqual([]);
  });

  it('grants nothing through ACL annotations that are not ACLs', () => {
    const annotations = {
      ...secret.metadata?.annotations,
      'brickyard.dev/secret-scope-acls':
        '[{"principal":"users","permission":"OWNER"},{"principal":"bob","permission":"READ"},7]',
      'brickyard.dev/secret-updated-at': 'not json',
    };
    const read = contentsOf({ ...secret, metadata: { ...secret.metadata, annotations } });
    expect(read.acls).toEqual([{ principal: 'bob', permission: 'READ' }]);
    expect(read.updatedAt).toEqual({});
  });
});
