import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { pythonExecutable, pythonPackageDir } from '../python/python-environment.js';

/**
 * The pure helpers of brickyard/repl_results.py, run by one python3 process: each case is a
 * Python expression and the JSON text of its value (repl_results.dumps).
 */
const PRELUDE = `
import collections, datetime, decimal, json, sys, types
from brickyard.repl_results import *

ns = types.SimpleNamespace

def frame(rows, names=("name", "n"), types=("string", "long")):
    fields = [ns(name=n, dataType=ns(jsonValue=lambda t=t: t), metadata={}) for n, t in zip(names, types)]
    return ns(schema=ns(fields=fields), take=lambda count: rows[:count])

def capped(limit, *parts):
    output = CappedOutput(limit)
    for part in parts:
        output.write(part)
    return output.getvalue()

def last_of(source):
    statements, last = split_last_expression(source, "<command-1>")
    return [len(statements.body), last is not None]

print(json.dumps([dumps(eval(case)) for case in json.loads(sys.stdin.read())]))
`;

const CASES: [string, string, string][] = [
  ['a decimal is its text', 'json_safe(decimal.Decimal("1.50"))', '"1.50"'],
  ['a date is its text', 'json_safe(datetime.date(2024, 1, 2))', '"2024-01-02"'],
  ['a timestamp is its text', 'json_safe(datetime.datetime(2024, 1, 2, 3, 4, 5))', '"2024-01-02 03:04:05"'],
  ['NaN is a string', 'json_safe(float("nan"))', '"NaN"'],
  ['minus infinity is a string', 'json_safe(float("-inf"))', '"-Infinity"'],
  ['binary is base64', 'json_safe(b"\\x00\\xff")', '"AP8="'],
  ['a big integer stays exact', 'json_safe(2**64)', '18446744073709551616'],
  ['a row is an object', 'json_safe(collections.namedtuple("R", "a b")(1, None))', '{"a": 1, "b": null}'],
  ['a tuple in a list is a list', 'json_safe([(1, "x")])', '[[1, "x"]]'],
  ['a map has string keys', 'json_safe({1: 2.5})', '{"1": 2.5}'],
  ['anything else is its text', 'json_safe(complex(1, 2))', '"(1+2j)"'],
  ['a last expression is split off', 'last_of("x = 1\\nx + 1")', '[1, true]'],
  ['a last statement stays', 'last_of("x = 1")', '[1, false]'],
  ['an empty command has no last expression', 'last_of("")', '[0, false]'],
  ['a loop then a name splits the name off', 'last_of("for i in []: pass\\ni")', '[1, true]'],
  ['a 4-byte integer column is integer', 'pandas_type(ns(kind="i", itemsize=4))', '"integer"'],
  ['an 8-byte integer column is long', 'pandas_type(ns(kind="i", itemsize=8))', '"long"'],
  ['an unsigned byte column is byte', 'pandas_type(ns(kind="u", itemsize=1))', '"byte"'],
  ['a 4-byte float column is float', 'pandas_type(ns(kind="f", itemsize=4))', '"float"'],
  ['an 8-byte float column is double', 'pandas_type(ns(kind="f", itemsize=8))', '"double"'],
  ['a bool column is boolean', 'pandas_type(ns(kind="b", itemsize=1))', '"boolean"'],
  ['a datetime column is timestamp', 'pandas_type(ns(kind="M", itemsize=8))', '"timestamp"'],
  ['an object column is string', 'pandas_type(ns(kind="O", itemsize=8))', '"string"'],
  [
    'a table holds its rows and JSON-encoded types',
    'spark_table(frame([["a", 1]]))',
    '{"resultType": "table", "data": [["a", 1]], "schema": [{"name": "name", "type": "\\"string\\"", ' +
      '"metadata": "{}"}, {"name": "n", "type": "\\"long\\"", "metadata": "{}"}], "truncated": false, ' +
      '"isJsonSchema": true}',
  ],
  [
    'a table over the limit is truncated',
    '[spark_table(frame([["a", 1], ["b", 2], ["c", 3]]), 2)[k] for k in ("data", "truncated")]',
    '[[["a", 1], ["b", 2]], true]',
  ],
  ['output within the limit is kept whole', 'capped(5, "ab", "cde")', '"abcde"'],
  [
    'output over the limit is cut with a notice',
    'capped(5, "abc", "defg", "h")',
    '"abcde\\n*** WARNING: max output size exceeded, skipping output. ***"',
  ],
  ['text is kept as is', 'text_result("a\\n")', '{"resultType": "text", "data": "a\\n"}'],
  [
    'an error has a summary and a cause',
    'error_result("E: x", "tb")',
    '{"resultType": "error", "summary": "E: x", "cause": "tb"}',
  ],
];

describe('the REPL’s result helpers (brickyard/repl_results.py)', () => {
  let outputs: string[] = [];

  beforeAll(async () => {
    const python = pythonExecutable(undefined, false);
    const run = promisify(execFile)(python, ['-c', PRELUDE], {
      env: { ...process.env, PYTHONPATH: pythonPackageDir(), PYTHONDONTWRITEBYTECODE: '1' },
    });
    run.child.stdin?.end(JSON.stringify(CASES.map(([, expression]) => expression)));
    outputs = JSON.parse((await run).stdout) as string[];
  });

  it.each(CASES.map(([name, , expected], index) => [name, index, expected] as const))(
    '%s',
    (_name, index, expected) => {
      expect(outputs[index]).toBe(expected);
    },
  );
});
