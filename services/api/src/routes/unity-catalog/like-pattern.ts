/** A SQL LIKE pattern (`%` any run, `_` any one character) as a case-insensitive matcher; empty matches all. */
export function likeMatcher(pattern: string | undefined): (name: string) => boolean {
  if (!pattern) return () => true;
  const source = [...pattern]
    .map((char) => (char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`, 'isu');
  return (name) => regex.test(name);
}
