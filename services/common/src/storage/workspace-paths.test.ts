import { describe, expect, it } from 'vitest';
import {
  builtInDirectories,
  parseWorkspacePath,
  workspaceDirectoryPrefix,
  workspaceObjectKey,
} from './workspace-paths.js';

describe('parseWorkspacePath', () => {
  it.each([
    ['/Users/a@b.c/etl', '/Users/a@b.c/etl'],
    ['/Workspace/Users/a@b.c/etl', '/Users/a@b.c/etl'],
    ['/Workspace', '/'],
    ['/Workspace/', '/'],
    ['/WorkspaceX/a', '/WorkspaceX/a'],
    ['/Shared//jobs/', '/Shared/jobs'],
  ])('reads %j as %j', (raw, canonical) => {
    expect(parseWorkspacePath(raw)).toBe(canonical);
  });

  it('rejects relative paths and ..', () => {
    expect(() => parseWorkspacePath('Users/a')).toThrow(/must be absolute/);
    expect(() => parseWorkspacePath('/Users/../etc')).toThrow(/'\.\.'/);
  });
});

describe('workspace keys', () => {
  it('keeps notebooks (no extension) and files (with it) under workspaces/<id>/workspace/', () => {
    expect(workspaceObjectKey(7, '/Users/a@b.c/etl')).toBe('workspaces/7/workspace/Users/a@b.c/etl');
    expect(workspaceObjectKey(7, '/Workspace/Shared/conf.yml')).toBe(
      'workspaces/7/workspace/Shared/conf.yml',
    );
    expect(workspaceDirectoryPrefix(7, '/')).toBe('workspaces/7/workspace/');
  });
});

describe('builtInDirectories', () => {
  it("are /Users, /Shared and the caller's home folder", () => {
    expect([...builtInDirectories('a@b.c')].sort()).toEqual(['/Shared', '/Users', '/Users/a@b.c']);
  });

  it('give no home folder to a name that is not one path segment', () => {
    expect([...builtInDirectories('a/b')].sort()).toEqual(['/Shared', '/Users']);
    expect([...builtInDirectories('..')].sort()).toEqual(['/Shared', '/Users']);
  });
});
