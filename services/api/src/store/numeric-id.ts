import { randomInt } from 'node:crypto';

const LOWEST = 1_000_000_000_000_000;
/** randomInt draws from ranges narrower than 2^48. */
const SPREAD = 2 ** 48 - 1;

/**
 * A random positive id of 16 digits, like Databricks' workspace, job and run ids, and still a safe
 * JavaScript integer so that it survives JSON on every client.
 */
export function newNumericId(): number {
  return randomInt(LOWEST, LOWEST + SPREAD);
}
