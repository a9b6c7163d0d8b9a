/**
 * Polls `probe` until it returns something other than undefined, retrying through its errors;
 * on timeout the error names what was awaited, the last error and `hint` (where to look).
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: { timeoutMs?: number; hint?: string; intervalMs?: number } = {},
): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 250 } = options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
  const hint = options.hint ? `; ${options.hint}` : '';
  throw new Error(`timed out waiting for ${what} (last error: ${String(last)}${hint})`);
}
