import { describe, expect, it } from 'vitest';
import { pipArguments, pipFailureMessages } from './pip-arguments.js';

const PIP = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--quiet'];
const TARGET = ['--target', '/libs/site-packages', '--upgrade'];

describe('pipArguments', () => {
  it.each([
    ['a PyPI package', { pypi: { package: 'six==1.16.0' } }, undefined, ['six==1.16.0']],
    [
      'a PyPI package from another index',
      { pypi: { package: 'six', repo: 'https://example.org/simple' } },
      undefined,
      ['--index-url', 'https://example.org/simple', 'six'],
    ],
    [
      'a requirements file',
      { requirements: '/Workspace/r.txt' },
      '/tmp/d/r.txt',
      ['--requirement', '/tmp/d/r.txt'],
    ],
    [
      'a wheel',
      { whl: 'dbfs:/a-1.0-py3-none-any.whl' },
      '/tmp/d/a-1.0-py3-none-any.whl',
      ['/tmp/d/a-1.0-py3-none-any.whl'],
    ],
  ])('installs %s into the target with its dependencies', (_, library, file, rest) => {
    expect(pipArguments(library, '/libs/site-packages', file)).toEqual([...PIP, ...TARGET, ...rest]);
  });
});

describe('pipFailureMessages', () => {
  it("keeps pip's ERROR lines", () => {
    const stderr = [
      'WARNING: something minor',
      'ERROR: Could not find a version that satisfies the requirement nope-pkg (from versions: none)',
      'ERROR: No matching distribution found for nope-pkg',
      '',
    ].join('\n');
    expect(pipFailureMessages(stderr, 'exit 1')).toEqual([
      'ERROR: Could not find a version that satisfies the requirement nope-pkg (from versions: none)\nERROR: No matching distribution found for nope-pkg',
    ]);
  });

  it('falls back to the last lines, then to the process error', () => {
    expect(pipFailureMessages('a\nb\n', 'exit 1')).toEqual(['a\nb']);
    expect(pipFailureMessages('', 'spawn python3 ENOENT')).toEqual(['spawn python3 ENOENT']);
  });
});
