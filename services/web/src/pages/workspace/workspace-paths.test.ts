import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  baseName,
  childPath,
  crumbsOf,
  isWithin,
  nameProblem,
  parentOf,
  pathOfSplat,
  workspaceUrl,
} from './workspace-paths';

describe('workspace paths', () => {
  it('encodes each segment of a URL on its own', () => {
    expect(workspaceUrl('/')).toBe('/workspace');
    expect(workspaceUrl('/Users/a@b.c/my notebook#1')).toBe('/workspace/Users/a%40b.c/my%20notebook%231');
  });

  it('reads the path back from the router splat', () => {
    expect(pathOfSplat(undefined)).toBe('/');
    expect(pathOfSplat('Users/a@b.c/etl/')).toBe('/Users/a@b.c/etl');
  });

  it('names, parents and children', () => {
    expect(baseName('/Users/a@b.c/etl')).toBe('etl');
    expect(baseName('/')).toBe('');
    expect(parentOf('/Users/a@b.c/etl')).toBe('/Users/a@b.c');
    expect(parentOf('/Users')).toBe('/');
    expect(childPath('/', 'Shared')).toBe('/Shared');
    expect(childPath('/Shared', 'x')).toBe('/Shared/x');
  });

  it('tells what is inside a folder', () => {
    expect(isWithin('/Users/a/b', '/Users/a')).toBe(true);
    expect(isWithin('/Users/a', '/Users/a')).toBe(true);
    expect(isWithin('/Users/ab', '/Users/a')).toBe(false);
    expect(isWithin('/Shared', '/')).toBe(true);
  });

  it('lists the folders from the root down', () => {
    expect(ancestorsOf('/Users/a@b.c')).toEqual([
      { path: '/', name: 'Workspace' },
      { path: '/Users', name: 'Users' },
      { path: '/Users/a@b.c', name: 'a@b.c' },
    ]);
  });

  it('links every folder above a path', () => {
    expect(crumbsOf('/Users/a@b.c/nb')).toEqual([
      { label: 'Workspace', to: '/workspace' },
      { label: 'Users', to: '/workspace/Users' },
      { label: 'a@b.c', to: '/workspace/Users/a%40b.c' },
    ]);
  });

  it.each([
    ['', 'Enter a name'],
    ['a/b', 'A name cannot contain "/"'],
    ['..', 'A name cannot be "." or ".."'],
    ['etl', undefined],
  ])('the name %j has the problem %j', (name, problem) => {
    expect(nameProblem(name)).toBe(problem);
  });
});
