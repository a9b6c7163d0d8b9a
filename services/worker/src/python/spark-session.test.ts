import { describe, expect, it } from 'vitest';
import { sessionRemote } from './spark-session.js';

const ID = '0f4c3f43-5a1e-4d38-9f7e-3c1f6f0b2a11';

describe('sessionRemote', () => {
  it.each([
    ['sc://10.0.0.5:15002', `sc://10.0.0.5:15002/;session_id=${ID}`],
    ['sc://10.0.0.5:15002/', `sc://10.0.0.5:15002/;session_id=${ID}`],
    [
      'sc://host:15002/;user_id=etl;use_ssl=false',
      `sc://host:15002/;user_id=etl;use_ssl=false;session_id=${ID}`,
    ],
    [' sc://host:15002/;session_id=old;token=t ', `sc://host:15002/;token=t;session_id=${ID}`],
  ])('gives %s the run’s session id', (remote, expected) => {
    expect(sessionRemote(remote, ID)).toBe(expected);
  });

  it('refuses what is not a Spark Connect URL', () => {
    expect(() => sessionRemote('http://host:15002', ID)).toThrow(/not a Spark Connect URL/);
    expect(() => sessionRemote('sc://', ID)).toThrow(/not a Spark Connect URL/);
  });
});
