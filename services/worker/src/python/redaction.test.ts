import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { pythonExecutable, pythonPackageDir } from './python-environment.js';

/**
 * brickyard/redaction.py in one python3 process: the secrets `hunter2`, `hunter2-long` and the
 * bytes b"\x00pw" have been read; each case is a Python expression and the JSON of its value.
 */
const PRELUDE = `
import io, json, sys
from brickyard import redaction

for secret in (b"hunter2", b"hunter2-long", b"\\x00pw"):
    redaction.remember(secret)

def printed(*texts):
    target = io.StringIO()
    stream = redaction.RedactingStream(target)
    for text in texts:
        print(text, file=stream)
    return target.getvalue()

print(json.dumps([eval(case) for case in json.loads(sys.stdin.read())]))
`;

const CASES: [string, string, unknown][] = [
  ['a value is replaced in text', 'redaction.redact("pw=hunter2!")', 'pw=[REDACTED]!'],
  ['a value holding another is replaced whole', 'redaction.redact("hunter2-long")', '[REDACTED]'],
  ['every occurrence is replaced', 'redaction.redact("hunter2 hunter2")', '[REDACTED] [REDACTED]'],
  ['bytes are replaced as they print', 'redaction.redact(repr(b"\\x00pw"))', "b'[REDACTED]'"],
  ['text without a value is kept', 'redaction.redact("hunter")', 'hunter'],
  ['printed text is redacted', 'printed("the key is", "hunter2")', 'the key is\n[REDACTED]\n'],
  [
    'every string of a result is redacted',
    'redaction.redact_all({"summary": "E: hunter2", "data": [["hunter2", 1]], "n": 2})',
    { summary: 'E: [REDACTED]', data: [['[REDACTED]', 1]], n: 2 },
  ],
];

describe('redaction of secret values (brickyard/redaction.py)', () => {
  let outputs: unknown[] = [];

  beforeAll(async () => {
    const python = pythonExecutable(undefined, false);
    const run = promisify(execFile)(python, ['-c', PRELUDE], {
      env: { ...process.env, PYTHONPATH: pythonPackageDir(), PYTHONDONTWRITEBYTECODE: '1' },
    });
    run.child.stdin?.end(JSON.stringify(CASES.map(([, expression]) => expression)));
    outputs = JSON.parse((await run).stdout) as unknown[];
  });

  it.each(CASES.map(([name, , expected], index) => [name, index, expected] as const))(
    '%s',
    (_name, index, expected) => {
      expect(outputs[index]).toEqual(expected);
    },
  );
});
