import type { ByteRange } from '@brickyard/common/storage';

/** What a Range header asks of a file of `size` bytes: all of it, a range of it, or too much. */
export type RequestedRange =
  | { kind: 'whole' }
  | { kind: 'range'; range: ByteRange }
  | { kind: 'unsatisfiable' };

const BYTES_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * The one byte range of a Range header (RFC 9110 §14), resolved against the file size. A header
 * that is not one range of bytes (several ranges, another unit, a malformed one) is ignored, as
 * the RFC allows: the whole file is sent.
 */
export function requestedRange(header: string | undefined, size: number): RequestedRange {
  const match = header?.trim().match(BYTES_RANGE);
  const [first = '', last = ''] = match?.slice(1) ?? [];
  if (!match || (first === '' && last === '')) return { kind: 'whole' };
  if (first === '') {
    // A suffix: the last n bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    const offset = Math.max(0, size - suffix);
    return { kind: 'range', range: { offset, length: size - offset } };
  }
  const offset = Number(first);
  if (last !== '' && Number(last) < offset) return { kind: 'whole' };
  if (offset >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'range', range: { offset, length: end - offset + 1 } };
}

/**
 * Whether a file modified at `modifiedAt` (epoch ms) fails an If-Unmodified-Since header, which
 * the SDK sends when it resumes a download so that it never splices two versions of a file.
 * HTTP dates have whole seconds; an unreadable date is ignored.
 */
export function modifiedSince(modifiedAt: number, header: string | undefined): boolean {
  const since = header === undefined ? Number.NaN : Date.parse(header);
  if (Number.isNaN(since)) return false;
  return Math.floor(modifiedAt / 1000) > Math.floor(since / 1000);
}
