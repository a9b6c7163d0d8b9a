/**
 * Runs every cleanup step in order, each even when an earlier one failed (its error is printed),
 * so nothing a benchmark started outlives it.
 */
export async function cleanUp(steps: readonly (() => unknown)[]): Promise<void> {
  for (const step of steps) {
    await Promise.resolve()
      .then(step)
      .catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
  }
}
