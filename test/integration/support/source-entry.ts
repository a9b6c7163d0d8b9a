/**
 * Node arguments that run a TypeScript entry point from the sources, as the tests and benchmarks
 * do: tsx compiles it, and workspace packages resolve to their sources through the
 * `brickyard-source` export condition (no build needed).
 */
export function sourceEntry(entry: string): string[] {
  return ['--conditions=brickyard-source', '--import', 'tsx', entry];
}
