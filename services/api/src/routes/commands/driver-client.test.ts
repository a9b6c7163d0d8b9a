import { describe, expect, it } from 'vitest';
import { driverPaths } from './driver-client.js';

describe('driverPaths', () => {
  it.each([
    ['contexts', driverPaths.contexts(), '/contexts'],
    ['a context', driverPaths.context('123'), '/contexts/123'],
    ['the commands of a context', driverPaths.commands('123'), '/contexts/123/commands'],
    ['a command', driverPaths.command('123', 'abc'), '/contexts/123/commands/abc'],
    ['the cancel of a command', driverPaths.cancel('123', 'abc'), '/contexts/123/commands/abc/cancel'],
  ])('names %s as the command service does', (_name, path, expected) => {
    expect(path).toBe(expected);
  });

  it('keeps ids that are not plain within their path segment', () => {
    expect(driverPaths.command('../x', 'a/b?c')).toBe('/contexts/..%2Fx/commands/a%2Fb%3Fc');
  });
});
