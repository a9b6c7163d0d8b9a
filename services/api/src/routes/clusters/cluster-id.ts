import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A cluster id in the Databricks form `MMDD-HHMMSS-xxxxxxxx` (UTC creation time and 8 random
 * characters), which is also a valid Kubernetes object name.
 */
export function newClusterId(now = new Date(), random: (size: number) => Buffer = randomBytes): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const date = `${two(now.getUTCMonth() + 1)}${two(now.getUTCDate())}`;
  const time = `${two(now.getUTCHours())}${two(now.getUTCMinutes())}${two(now.getUTCSeconds())}`;
  const suffix = [...random(8)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
  return `${date}-${time}-${suffix}`;
}
