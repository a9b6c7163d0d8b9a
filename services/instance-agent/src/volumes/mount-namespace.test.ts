import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContainerProcess } from '../containers/container-process.js';
import { namespacedArgv, probeMountNamespaces } from './mount-namespace.js';

const dir = mkdtempSync(join(tmpdir(), 'mount-namespace-'));
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
const support = await probeMountNamespaces();

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The checkout that plays the image of the containers here. */
const image = join(dir, 'image');
mkdirSync(image);
writeFileSync(join(image, 'app.js'), 'the app');

async function run(name: string, mounts: Parameters<typeof namespacedArgv>[1], cwd: string, argv: string[]) {
  if (!support.ok) throw new Error(support.reason);
  const logFile = join(dir, `${name}.log`);
  const child = await ContainerProcess.start({
    argv: namespacedArgv(support, mounts, cwd, argv, image),
    env,
    cwd: '/',
    logFile,
    reportsSetup: true,
  });
  return { child, exit: await child.exited, log: () => readFileSync(logFile, 'utf8') };
}

// Needs root and util-linux (the platform's prerequisites): without them the agent runs pods that
// have no volumeMounts only, and these tests fail with the probe's reason.
describe('namespacedArgv', () => {
  it('execs the command in the working directory with its bind mounts, read-only ones read-only', async () => {
    const source = join(dir, 'volume');
    mkdirSync(source);
    writeFileSync(join(source, 'greeting'), 'hello');
    const target = join(dir, 'mnt', 'config');
    const script = `echo "pid $$"; cat ${target}/greeting; echo; pwd; touch ${target}/new 2>/dev/null || echo read-only`;
    const { child, exit, log } = await run('ok', [{ source, target, readOnly: true }], target, [
      'sh',
      '-c',
      script,
    ]);
    expect(exit).toMatchObject({ exitCode: 0, reason: 'Completed' });
    // exec: the container's pid is the process the agent spawned.
    expect(log()).toBe(`pid ${child.pid}\nhello\n${target}\nread-only\n`);
  });

  it('keeps the image and every source visible under a volume mounted above them', async () => {
    // A scratch volume at the parent of the test folder (as an emptyDir at /tmp hides a checkout
    // under /tmp): the image's files and the other volume's source are still there.
    const scratch = join(dir, 'scratch');
    mkdirSync(scratch);
    writeFileSync(join(scratch, 'marker'), '');
    const config = join(dir, 'config');
    mkdirSync(config);
    writeFileSync(join(config, 'greeting'), 'hello');
    const parent = dirname(dir);
    const target = join(dir, 'mnt', 'config');
    const script = `cat ${image}/app.js; echo; cat ${target}/greeting; echo; test -e ${parent}/marker && echo scratch`;
    const { exit, log } = await run(
      'hidden-image',
      [
        { source: scratch, target: parent, readOnly: false },
        { source: config, target, readOnly: true },
      ],
      image,
      ['sh', '-c', script],
    );
    expect(exit).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(log()).toBe('the app\nhello\nscratch\n');
  });

  it.each([
    {
      sentence: 'a mount point that cannot be created',
      mounts: [{ source: dir, target: join(dir, 'file', 'below'), readOnly: false }],
      argv: ['true'],
      message: 'cannot create mount point',
    },
    {
      sentence: 'a missing program',
      mounts: [],
      argv: ['no-such-program-xyz'],
      message: 'executable file not found',
    },
  ])('reports $sentence as StartError without a pid', async ({ mounts, argv, message }) => {
    writeFileSync(join(dir, 'file'), '');
    const { child, exit } = await run('fail', mounts, dir, argv);
    expect(child.pid).toBeUndefined();
    expect(exit).toMatchObject({ exitCode: 128, reason: 'StartError' });
    expect(exit.message).toContain(message);
  });
});
