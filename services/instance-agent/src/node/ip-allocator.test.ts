import { describe, expect, it } from 'vitest';
import { PodIpAllocator, parseCidr } from './ip-allocator.js';

function allocator(cidr = '127.32.0.0/16'): PodIpAllocator {
  const block = parseCidr(cidr);
  if (!block) throw new Error(`bad cidr ${cidr}`);
  return new PodIpAllocator(block);
}

describe('parseCidr', () => {
  it.each([
    { text: '127.32.0.0/16', block: { base: 0x7f200000, prefix: 16 }, sentence: 'a network address' },
    { text: '127.32.5.9/16', block: { base: 0x7f200000, prefix: 16 }, sentence: 'host bits are cleared' },
    { text: '127.32.0.0/31', block: undefined, sentence: 'a block without room for hosts is refused' },
    { text: '300.1.1.1/8', block: undefined, sentence: 'an octet above 255 is refused' },
    { text: 'localhost', block: undefined, sentence: 'a name is refused' },
  ])('$sentence ($text)', ({ text, block }) => {
    expect(parseCidr(text)).toEqual(block);
  });
});

describe('PodIpAllocator', () => {
  it('gives each owner its own address, starting after the network address', () => {
    const pool = allocator();
    expect(pool.allocate('a')).toBe('127.32.0.1');
    expect(pool.allocate('b')).toBe('127.32.0.2');
    expect(pool.allocate('a')).toBe('127.32.0.1');
    expect(pool.size).toBe(2);
  });

  it('does not reuse a released address at once', () => {
    const pool = allocator();
    pool.allocate('a');
    pool.release('a');
    expect(pool.allocate('b')).toBe('127.32.0.2');
  });

  it('keeps a preferred address when it is free and in the block', () => {
    const pool = allocator();
    expect(pool.allocate('a', '127.32.9.9')).toBe('127.32.9.9');
    expect(pool.allocate('b', '127.32.9.9')).toBe('127.32.0.1');
    expect(pool.allocate('c', '10.0.0.1')).toBe('127.32.0.2');
  });

  it('skips addresses ending in .0 and .255', () => {
    const pool = allocator('127.40.0.0/23');
    const addresses = Array.from({ length: 508 }, (_, index) => pool.allocate(`pod-${index}`));
    expect(addresses).not.toContain('127.40.0.255');
    expect(addresses).not.toContain('127.40.1.0');
    expect(addresses.at(-1)).toBe('127.40.1.254');
    expect(pool.allocate('one-too-many')).toBeUndefined();
  });

  it('wraps around to addresses freed earlier when the block is exhausted', () => {
    const pool = allocator('127.40.0.0/24');
    for (let index = 0; index < 254; index++) pool.allocate(`pod-${index}`);
    pool.release('pod-3');
    expect(pool.allocate('late')).toBe('127.40.0.4');
  });
});
