/**
 * The name patterns of the metadata calls (GetSchemas, GetTables, GetColumns), as HiveServer2
 * reads them: JDBC's `%` (any run) and `_` (any one character), `*` for any run too, `\` before
 * either to mean itself, case-insensitive. No pattern, or an empty one, matches every name.
 */
export function namePattern(pattern: string | null | undefined): (name: string) => boolean {
  if (!pattern) return () => true;
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    const next = pattern[index + 1];
    if (char === '\\' && next !== undefined && '%_*\\'.includes(next)) {
      source += escapeRegex(next);
      index++;
    } else if (char === '%' || char === '*') source += '.*';
    else if (char === '_') source += '.';
    else source += escapeRegex(char);
  }
  const regex = new RegExp(`^${source}$`, 'isu');
  return (name) => regex.test(name);
}

function escapeRegex(char: string): string {
  return char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
