import { prefixPolicyDocument } from '@brickyard/common/storage-credentials';
import { describe, expect, it } from 'vitest';
import { workspaceGrant, workspaceUserName } from './workspace-keys.js';

const sidsOf = (document: string): string[] =>
  JSON.parse(document).Statement.map((statement: { Sid: string }) => statement.Sid);

describe('the keys of a workspace', () => {
  it('are two users, one for the pods and one for the node that mounts DBFS', () => {
    expect(workspaceUserName(7, 'runtime')).toBe('workspace-7');
    expect(workspaceUserName(7, 'mount')).toBe('workspace-7-mount');
  });

  it("reach the workspace's own storage root, read and write, whoever holds them", () => {
    for (const holder of ['runtime', 'mount'] as const) {
      expect(workspaceGrant('b', 7, holder)).toMatchObject({
        bucket: 'b',
        prefix: 'workspaces/7/',
        access: 'read-write',
      });
    }
  });

  it("give the pods what is outside every workspace's storage, and the bucket-wide listing to the mount only", () => {
    const runtime = sidsOf(prefixPolicyDocument(workspaceGrant('b', 7, 'runtime')));
    const mount = sidsOf(prefixPolicyDocument(workspaceGrant('b', 7, 'mount')));
    expect(runtime).toContain('OutsideObjects');
    expect(runtime).not.toContain('MountCheck');
    expect(mount).toContain('MountCheck');
    expect(mount).not.toContain('OutsideObjects');
  });
});
