import { describe, expect, it } from 'vitest';
import { parseMemAvailable } from './host-memory.js';

describe('parseMemAvailable', () => {
  it('reads MemAvailable in bytes', () => {
    const meminfo = 'MemTotal:       24576000 kB\nMemFree:         1000 kB\nMemAvailable:   20480000 kB\n';
    expect(parseMemAvailable(meminfo)).toBe(20_480_000 * 1024);
  });

  it('is undefined for a kernel that does not report it', () => {
    expect(parseMemAvailable('MemTotal:       24576000 kB\n')).toBeUndefined();
  });
});
