import { describe, expect, it } from 'vitest';
import { type ImageEntrypoint, imageRepository, resolveCommand } from './command-resolution.js';

const images = new Map<string, ImageEntrypoint>([
  ['brickyard/runtime', { command: ['node', '/repo/services/worker/dist/main.js'], args: [] }],
  ['brickyard/sleeper', { command: ['sleep'], args: ['3600'] }],
  ['busybox', { command: ['sh'], args: [] }],
]);

describe('imageRepository', () => {
  it.each([
    { image: 'brickyard/runtime', repository: 'brickyard/runtime', sentence: 'a bare repository is kept' },
    { image: 'brickyard/runtime:1.2.3', repository: 'brickyard/runtime', sentence: 'the tag is dropped' },
    {
      image: 'brickyard/runtime@sha256:abc',
      repository: 'brickyard/runtime',
      sentence: 'the digest is dropped',
    },
    {
      image: 'localhost:5000/brickyard/runtime:dev',
      repository: 'localhost:5000/brickyard/runtime',
      sentence: 'a registry port is not a tag',
    },
    {
      image: 'docker.io/library/busybox:1.36',
      repository: 'busybox',
      sentence: 'Docker Hub prefixes are implicit',
    },
  ])('$sentence ($image)', ({ image, repository }) => {
    expect(imageRepository(image)).toBe(repository);
  });
});

describe('resolveCommand', () => {
  it.each([
    {
      sentence: 'a mapped image runs its entrypoint with its default args',
      container: { image: 'brickyard/sleeper:latest' },
      argv: ['sleep', '3600'],
    },
    {
      sentence: 'args replace the default args of the image',
      container: { image: 'brickyard/sleeper', args: ['5'] },
      argv: ['sleep', '5'],
    },
    {
      sentence: 'args are appended to an entrypoint without default args',
      container: { image: 'brickyard/runtime:0.1', args: ['--role', 'driver'] },
      argv: ['node', '/repo/services/worker/dist/main.js', '--role', 'driver'],
    },
    {
      sentence: 'a command replaces the entrypoint and the default args',
      container: { image: 'brickyard/sleeper', command: ['node', '-e', 'x'] },
      argv: ['node', '-e', 'x'],
    },
    {
      sentence: 'a command needs no mapped image',
      container: { image: 'unknown/image', command: ['echo'], args: ['hi'] },
      argv: ['echo', 'hi'],
    },
    {
      sentence: 'an empty command list counts as no command',
      container: { image: 'busybox', command: [], args: ['-c', 'true'] },
      argv: ['sh', '-c', 'true'],
    },
    {
      sentence: 'command and args expand $(VAR) from the environment',
      container: { image: 'busybox', args: ['-c', 'echo $(GREETING) $$(GREETING) $(UNSET)'] },
      argv: ['sh', '-c', 'echo hello $(GREETING) $(UNSET)'],
    },
  ])('$sentence', ({ container, argv }) => {
    expect(resolveCommand(container, images, { GREETING: 'hello' })).toEqual({ ok: true, argv });
  });

  it('reports an unmapped image without a command as ErrImagePull', () => {
    const result = resolveCommand({ image: 'nginx:1.27' }, images, {});
    expect(result).toMatchObject({ ok: false, reason: 'ErrImagePull' });
    expect(result.ok || result.message).toContain('"nginx:1.27"');
  });

  it('reports a command that expands to nothing as RunContainerError', () => {
    expect(resolveCommand({ command: ['$(EMPTY)'] }, images, { EMPTY: '' })).toMatchObject({
      ok: false,
      reason: 'RunContainerError',
    });
  });
});
