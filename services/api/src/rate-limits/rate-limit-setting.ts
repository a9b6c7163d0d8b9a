/**
 * BRICKYARD_RATE_LIMITS: `off` (also when unset, so the local platform, its tests and benches run
 * unthrottled), or the multiple of Databricks' limits to enforce: `1` for Databricks' own, `0.1`
 * for a tenth of them, `10` for ten times. Anything else is refused, naming the variable.
 */
export function parseRateLimits(raw: string | undefined): number | undefined {
  const text = raw?.trim().toLowerCase() ?? '';
  if (text === '' || text === 'off') return undefined;
  const multiplier = Number(text);
  if (!Number.isFinite(multiplier) || multiplier <= 0) {
    throw new Error(
      `BRICKYARD_RATE_LIMITS must be 'off' or a positive multiple of Databricks' limits, not '${raw}'`,
    );
  }
  return multiplier;
}
