import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeVolumeFiles } from './volume-writer.js';

const root = mkdtempSync(join(tmpdir(), 'volume-writer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const file = (path: string, text: string, mode = 0o644) => ({ path, data: Buffer.from(text), mode });

describe('writeVolumeFiles', () => {
  it('publishes the files through ..data symlinks with their modes', async () => {
    const dir = join(root, 'a');
    expect(await writeVolumeFiles(dir, [file('token', 'jwt', 0o600), file('conf/app.yaml', 'x: 1')])).toBe(
      true,
    );
    expect(readFileSync(join(dir, 'token'), 'utf8')).toBe('jwt');
    expect(readFileSync(join(dir, 'conf/app.yaml'), 'utf8')).toBe('x: 1');
    expect(readlinkSync(join(dir, 'token'))).toBe('..data/token');
    expect(statSync(join(dir, 'token')).mode & 0o777).toBe(0o600);
  });

  it('changes nothing when the content is the same, and swaps versions when it is not', async () => {
    const dir = join(root, 'b');
    await writeVolumeFiles(dir, [file('a', '1'), file('b', '2')]);
    expect(await writeVolumeFiles(dir, [file('b', '2'), file('a', '1')])).toBe(false);
    expect(await writeVolumeFiles(dir, [file('a', 'new')])).toBe(true);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('new');
    // The old version and the link of the vanished key are gone.
    expect(readdirSync(dir).sort()).toEqual(['..data', readlinkSync(join(dir, '..data')), 'a'].sort());
  });
});
