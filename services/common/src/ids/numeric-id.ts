import { randomInt } from 'node:crypto';

/** Smallest and largest ids handed out: 15 and 16 digit integers, all exact in a double. */
const MIN_ID = 100_000_000_000_000;
const MAX_ID = Number.MAX_SAFE_INTEGER;
/** crypto.randomInt takes ranges narrower than 2^48, so an id is drawn in two parts. */
const LOW_SPAN = 2 ** 32;

/**
 * A random job or run id: int64 in the API, chosen below 2^53 so JavaScript and JSON clients
 * read it exactly. Uniqueness is checked by whoever stores it (collisions retry).
 */
export function newNumericId(random: (min: number, max: number) => number = randomInt): number {
  for (;;) {
    const high = random(0, Math.floor(MAX_ID / LOW_SPAN) + 1);
    const id = high * LOW_SPAN + random(0, LOW_SPAN);
    if (id >= MIN_ID && id <= MAX_ID) return id;
  }
}
