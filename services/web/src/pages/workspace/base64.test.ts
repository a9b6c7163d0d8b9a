import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, textOf } from './base64';

describe('base64 content', () => {
  it('round-trips bytes, large ones too', () => {
    const bytes = new Uint8Array(100_000).map((_, index) => index % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(new TextEncoder().encode('héllo'))).toBe(Buffer.from('héllo').toString('base64'));
  });

  it('reads UTF-8 text and refuses binary', () => {
    expect(textOf(new TextEncoder().encode('a ✓'))).toBe('a ✓');
    expect(textOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
    expect(textOf(new Uint8Array([0x61, 0, 0x62]))).toBeUndefined();
  });
});
