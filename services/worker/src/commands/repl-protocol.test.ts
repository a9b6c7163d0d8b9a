import { describe, expect, it } from 'vitest';
import { commandStatusBody, executeLine, parseReplLine } from './repl-protocol.js';

describe('parseReplLine', () => {
  it.each([
    ['{"op": "ready"}', { op: 'ready' }],
    ['{"op": "started", "id": "a"}', { op: 'started', id: 'a' }],
    [
      '{"id": "a", "status": "Finished", "results": "{\\"resultType\\": \\"text\\", \\"data\\": \\"2\\"}"}',
      { op: 'done', id: 'a', status: 'Finished', results: '{"resultType": "text", "data": "2"}' },
    ],
    [
      '{"id": "a", "status": "Cancelled", "results": "{}"}',
      { op: 'done', id: 'a', status: 'Cancelled', results: '{}' },
    ],
    ['not json', undefined],
    ['null', undefined],
    ['{"op": "started"}', undefined],
    ['{"id": "a", "status": "Running", "results": "{}"}', undefined],
    ['{"id": "a", "status": "Finished", "results": {"resultType": "text"}}', undefined],
  ])('reads %s', (line, expected) => {
    expect(parseReplLine(line)).toEqual(expected);
  });
});

describe('executeLine', () => {
  it('is one line whatever the command holds', () => {
    const line = executeLine('a', 'python', 'print("x")\nprint("y")');
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      op: 'execute',
      id: 'a',
      language: 'python',
      command: 'print("x")\nprint("y")',
    });
  });
});

describe('commandStatusBody', () => {
  it('leaves results out until the command ends', () => {
    expect(JSON.parse(commandStatusBody('a', 'Running', undefined))).toEqual({ id: 'a', status: 'Running' });
  });

  it('keeps integers beyond 2^53 exactly as the REPL wrote them', () => {
    const results = '{"resultType": "table", "data": [[9007199254740993]]}';
    expect(commandStatusBody('a', 'Finished', results)).toBe(
      '{"id":"a","status":"Finished","results":{"resultType": "table", "data": [[9007199254740993]]}}',
    );
  });
});
