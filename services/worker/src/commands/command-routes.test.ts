import { describe, expect, it } from 'vitest';
import { CommandApiError } from './command-api-error.js';
import { createContextRequest, executeRequest, languageOf, matchRoute, parseBody } from './command-routes.js';

function refusal(action: () => unknown): { status: number; errorCode: string; message: string } | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof CommandApiError) {
      return { status: error.status, errorCode: error.errorCode, message: error.message };
    }
    throw error;
  }
  return undefined;
}

describe('matchRoute', () => {
  it.each([
    ['POST', '/contexts', { name: 'createContext' }],
    ['GET', '/contexts/123', { name: 'getContext', contextId: '123' }],
    ['GET', '/contexts/123?clusterId=abc', { name: 'getContext', contextId: '123' }],
    ['DELETE', '/contexts/123', { name: 'destroyContext', contextId: '123' }],
    ['POST', '/contexts/123/commands', { name: 'execute', contextId: '123' }],
    ['GET', '/contexts/123/commands/ab12', { name: 'getCommand', contextId: '123', commandId: 'ab12' }],
    ['POST', '/contexts/123/commands/ab12/cancel', { name: 'cancel', contextId: '123', commandId: 'ab12' }],
    ['GET', '/contexts/a%20b', { name: 'getContext', contextId: 'a b' }],
    ['GET', '/contexts/%E0%A4%A', { name: 'getContext', contextId: '%E0%A4%A' }],
  ])('routes %s %s', (method, url, expected) => {
    expect(matchRoute(method, url)).toEqual(expected);
  });

  it.each([
    ['GET', '/contexts'],
    ['PUT', '/contexts/123'],
    ['POST', '/contexts/123/commands/ab12'],
    ['GET', '/contexts/123/commands'],
    ['GET', '/api/1.2/contexts/status'],
    ['GET', '/'],
  ])('answers 404 ENDPOINT_NOT_FOUND for %s %s', (method, url) => {
    expect(refusal(() => matchRoute(method, url))).toMatchObject({
      status: 404,
      errorCode: 'ENDPOINT_NOT_FOUND',
    });
  });
});

describe('parseBody', () => {
  it.each([
    ['', {}],
    ['  ', {}],
    ['{"language":"python"}', { language: 'python' }],
  ])('reads %j', (text, expected) => {
    expect(parseBody(text)).toEqual(expected);
  });

  it.each([
    ['{"language":', 'The request body is not valid JSON.'],
    ['[1]', 'The request body must be a JSON object.'],
    ['"python"', 'The request body must be a JSON object.'],
    ['null', 'The request body must be a JSON object.'],
  ])('refuses %j', (text, message) => {
    expect(refusal(() => parseBody(text))).toEqual({
      status: 400,
      errorCode: 'INVALID_PARAMETER_VALUE',
      message,
    });
  });
});

describe('languageOf', () => {
  it.each([
    ['python', 'python'],
    ['sql', 'sql'],
    ['SQL', 'sql'],
    [undefined, 'python'],
    [null, 'python'],
  ])('takes %j as %s', (value, expected) => {
    expect(languageOf(value, 'python')).toBe(expected);
  });

  it.each([
    ['scala', /'scala' is not supported by this runtime/],
    ['r', /'r' is not supported by this runtime/],
    ['cobol', /Invalid language "cobol"/],
    [3, /Invalid language 3/],
  ])('refuses %j', (value, message) => {
    const refused = refusal(() => languageOf(value, 'python'));
    expect(refused).toMatchObject({ status: 400, errorCode: 'INVALID_PARAMETER_VALUE' });
    expect(refused?.message).toMatch(message);
  });
});

describe('request bodies', () => {
  it('creates a python context when no language is given', () => {
    expect(createContextRequest({ clusterId: 'abc' })).toEqual({ language: 'python' });
  });

  it('runs a command in the context’s language unless the command names one', () => {
    expect(executeRequest({ command: 'SELECT 1' }, 'sql')).toEqual({ language: 'sql', command: 'SELECT 1' });
    expect(executeRequest({ command: '1', language: 'python' }, 'sql')).toEqual({
      language: 'python',
      command: '1',
    });
  });

  it.each([[{}], [{ command: 3 }], [{ command: null }]])(
    'refuses a command that is not a string: %j',
    (body) => {
      expect(refusal(() => executeRequest(body, 'python'))).toMatchObject({
        status: 400,
        errorCode: 'INVALID_PARAMETER_VALUE',
      });
    },
  );
});
