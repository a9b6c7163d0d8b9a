import { COMMAND_USER_HEADER } from '@brickyard/common/driver-ports';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dbfs } from '../storage/dbfs.js';
import { MemoryRuntimeStorage } from '../storage/memory-runtime-storage.js';
import { type CommandServer, startCommandServer } from './command-server.js';

/** The command server with real Python REPLs (python3, no Spark) on a loopback port. */

const ENDED = ['Finished', 'Cancelled', 'Error'];

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function startServer(maxContexts?: number): Promise<{ server: CommandServer; base: string }> {
  const server = await startCommandServer({
    host: '127.0.0.1',
    port: 0,
    workspaceId: 1,
    dbfs: new Dbfs(new MemoryRuntimeStorage(), 1),
    log: pino({ level: 'silent' }),
    ...(maxContexts === undefined ? {} : { maxContexts }),
  });
  return { server, base: `http://127.0.0.1:${server.port}` };
}

const OWNER = 'ada@example.com';

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  /** null: no user header. */
  user: string | null = OWNER,
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    ...(user === null ? {} : { headers: { [COMMAND_USER_HEADER]: user } }),
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function createContext(base: string): Promise<string> {
  const created = await call(base, 'POST', '/contexts', { language: 'python' });
  expect(created.status).toBe(200);
  const id = created.body.id as string;
  const ready = await until(
    () => call(base, 'GET', `/contexts/${id}`),
    (answer) => answer.body.status !== 'Pending',
  );
  expect(ready.body).toEqual({ id, status: 'Running' });
  return id;
}

async function submit(base: string, context: string, command: string, language = 'python'): Promise<string> {
  const submitted = await call(base, 'POST', `/contexts/${context}/commands`, { language, command });
  expect(submitted.status).toBe(200);
  return submitted.body.id as string;
}

function commandStatus(base: string, context: string, command: string): Promise<Answer> {
  return call(base, 'GET', `/contexts/${context}/commands/${command}`);
}

async function run(base: string, context: string, command: string, language = 'python') {
  const id = await submit(base, context, command, language);
  const answer = await until(
    () => commandStatus(base, context, id),
    (polled) => ENDED.includes(polled.body.status as string),
  );
  expect(answer.body.id).toBe(id);
  return answer.body as { id: string; status: string; results: Record<string, unknown> };
}

describe('the command server', () => {
  let server: CommandServer;
  let base: string;
  let context: string;

  beforeAll(async () => {
    ({ server, base } = await startServer());
    context = await createContext(base);
  });
  afterAll(async () => server?.close());

  it.each([
    ['keeps state between commands', 'counter = 40\ncounter += 1', 'counter + 1', '42'],
    [
      'shows printed output and the last expression’s value',
      'name = "x"',
      'print("hello")\nname * 2',
      "hello\n'xx'",
    ],
    ['runs indented commands as the SDK sends them', 'pass', '\n    y = 3\n    y * 2\n    ', '6'],
    ['shows nothing for a last expression of None', 'pass', 'print("only")\nNone', 'only'],
    [
      'serves dbutils through the bridge',
      'dbutils.fs.put("/a.txt", "hi")',
      'dbutils.fs.head("/a.txt")',
      "'hi'",
    ],
  ])('%s', async (_name, first, second, data) => {
    expect((await run(base, context, first)).status).toBe('Finished');
    expect(await run(base, context, second)).toMatchObject({
      status: 'Finished',
      results: { resultType: 'text', data },
    });
  });

  it('answers no one but its creator about a context, whatever the case of their name', async () => {
    const command = await submit(base, context, '1');
    for (const [method, path] of [
      ['GET', `/contexts/${context}`],
      ['POST', `/contexts/${context}/commands`],
      ['GET', `/contexts/${context}/commands/${command}`],
      ['POST', `/contexts/${context}/commands/${command}/cancel`],
      ['DELETE', `/contexts/${context}`],
    ] as const) {
      const body = method === 'POST' ? { command: '2' } : undefined;
      const answer = await call(base, method, path, body, 'grace@example.com');
      expect(answer).toEqual({
        status: 404,
        body: {
          error_code: 'RESOURCE_DOES_NOT_EXIST',
          message: `Execution context ${context} does not exist.`,
        },
      });
    }
    expect((await call(base, 'GET', `/contexts/${context}`, undefined, 'ADA@example.com')).status).toBe(200);
    expect(await call(base, 'GET', `/contexts/${context}`, undefined, null)).toEqual({
      status: 400,
      body: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: `The ${COMMAND_USER_HEADER} header is required.`,
      },
    });
  });

  it('answers an error with its summary and cause, and the context goes on', async () => {
    const failed = await run(base, context, 'def boom():\n    raise ValueError("bad input")\n\nboom()');
    expect(failed.status).toBe('Finished');
    expect(failed.results).toMatchObject({ resultType: 'error', summary: 'ValueError: bad input' });
    expect(failed.results.cause).toContain('in boom');
    expect(failed.results.cause).not.toContain('repl.py');
    expect((await run(base, context, '1 + 1')).results).toEqual({ resultType: 'text', data: '2' });
  });

  it.each([
    ['a SyntaxError', 'python', 'x = (', /^SyntaxError: /],
    ['sys.exit()', 'python', 'import sys\nsys.exit(3)', /^SystemExit: 3$/],
    ['SQL without Spark', 'sql', 'SELECT 1', /^SQL commands need a cluster that runs Spark/],
  ])('answers %s with an error result', async (_name, language, command, summary) => {
    const failed = await run(base, context, command, language);
    expect(failed.status).toBe('Finished');
    expect(failed.results.resultType).toBe('error');
    expect(failed.results.summary).toMatch(summary);
    expect((await run(base, context, '"still here"')).results.data).toBe("'still here'");
  });

  it('answers dbutils.notebook.exit with its value as the text', async () => {
    const command = 'import json\ndbutils.notebook.exit(json.dumps({"a": [1, 2]}))\nprint("never")';
    expect((await run(base, context, command)).results).toEqual({
      resultType: 'text',
      data: '{"a": [1, 2]}',
    });
  });

  it('cancels a running command quickly', { timeout: 15_000 }, async () => {
    const id = await submit(base, context, 'import time; time.sleep(60)');
    await until(
      () => commandStatus(base, context, id),
      (answer) => answer.body.status === 'Running',
    );
    const started = Date.now();
    expect(await call(base, 'POST', `/contexts/${context}/commands/${id}/cancel`)).toEqual({
      status: 200,
      body: { id },
    });
    const cancelled = await until(
      () => commandStatus(base, context, id),
      (answer) => answer.body.status === 'Cancelled',
    );
    expect(cancelled.body.status).toBe('Cancelled');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await run(base, context, '"after"')).results.data).toBe("'after'");
  });

  it.each([
    ['GET', '/contexts/123', 404, 'RESOURCE_DOES_NOT_EXIST'],
    ['DELETE', '/contexts/123', 404, 'RESOURCE_DOES_NOT_EXIST'],
    ['POST', '/contexts/123/commands', 404, 'RESOURCE_DOES_NOT_EXIST'],
    ['GET', '/contexts/{context}/commands/abc', 404, 'RESOURCE_DOES_NOT_EXIST'],
    ['POST', '/contexts/{context}/commands/abc/cancel', 404, 'RESOURCE_DOES_NOT_EXIST'],
    ['GET', '/nowhere', 404, 'ENDPOINT_NOT_FOUND'],
  ])('answers %s %s with %i %s', async (method, path, status, errorCode) => {
    const answer = await call(
      base,
      method,
      path.replace('{context}', context),
      method === 'POST' ? {} : undefined,
    );
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ error_code: errorCode });
    expect(answer.body.message).toEqual(expect.any(String));
  });

  it.each([
    ['a context in scala', '/contexts', { language: 'scala' }, /not supported by this runtime/],
    ['a context in an unknown language', '/contexts', { language: 'cobol' }, /Invalid language/],
    ['malformed JSON', '/contexts', '{"language":', /not valid JSON/],
    ['a command in r', '/contexts/{context}/commands', { language: 'r', command: '1' }, /not supported/],
    [
      'a command without code',
      '/contexts/{context}/commands',
      { language: 'python' },
      /'command' is required/,
    ],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (_name, path, body, message) => {
    const answer = await call(base, 'POST', path.replace('{context}', context), body);
    expect(answer.status).toBe(400);
    expect(answer.body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(answer.body.message).toMatch(message);
  });

  it('destroys a context with its process', async () => {
    const doomed = await createContext(base);
    const pid = Number((await run(base, doomed, 'import os\nos.getpid()')).results.data);
    expect(await call(base, 'DELETE', `/contexts/${doomed}`)).toEqual({ status: 200, body: { id: doomed } });
    expect(() => process.kill(pid, 0)).toThrow();
    expect((await call(base, 'GET', `/contexts/${doomed}`)).status).toBe(404);
  });

  it('reports a context whose process died as Error and takes no more commands', async () => {
    const dying = await createContext(base);
    const died = await run(base, dying, 'import os\nos._exit(7)');
    expect(died.status).toBe('Error');
    expect(died.results).toMatchObject({ resultType: 'error' });
    expect(died.results.summary).toMatch(/exited with code 7/);
    expect((await call(base, 'GET', `/contexts/${dying}`)).body).toEqual({ id: dying, status: 'Error' });
    const refused = await call(base, 'POST', `/contexts/${dying}/commands`, { command: '1' });
    expect(refused).toMatchObject({ status: 400, body: { error_code: 'INVALID_STATE' } });
  });

  it('refuses contexts over the cluster’s limit, and ends them all on close', async () => {
    const small = await startServer(1);
    try {
      const only = await createContext(small.base);
      const pid = Number((await run(small.base, only, 'import os\nos.getpid()')).results.data);
      const refused = await call(small.base, 'POST', '/contexts', {});
      expect(refused.status).toBe(400);
      expect(refused.body.error_code).toBe('RESOURCE_EXHAUSTED');
      await small.server.close();
      expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      await small.server.close();
    }
  });
});
