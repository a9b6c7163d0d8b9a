import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ProbeTarget } from './probe-target.js';
import { runProbe } from './run-probe.js';

describe('runProbe', () => {
  it.each([
    { status: 200, passed: true, sentence: 'a 2xx answer passes' },
    { status: 302, passed: true, sentence: 'a redirect passes' },
    { status: 503, passed: false, sentence: 'a 5xx answer fails' },
  ])('$sentence', async ({ status, passed }) => {
    const server = createServer((_, response) => {
      response.writeHead(status);
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const target: ProbeTarget = {
      kind: 'http',
      scheme: 'http',
      host: '127.0.0.1',
      port,
      path: '/',
      headers: {},
    };
    await expect(runProbe(target, 1_000)).resolves.toBe(passed);
    await expect(runProbe({ kind: 'tcp', host: '127.0.0.1', port }, 1_000)).resolves.toBe(true);
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails a TCP probe of a closed port', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    await expect(runProbe({ kind: 'tcp', host: '127.0.0.1', port }, 1_000)).resolves.toBe(false);
  });
});
