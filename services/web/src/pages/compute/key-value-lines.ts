/**
 * Maps typed as text, one entry a line, the way Databricks' compute form takes Spark config
 * (`spark.key value`) and tags (`key=value`).
 */

export interface ParsedLines {
  entries: Record<string, string>;
  /** One message for each line that is not an entry. */
  problems: string[];
}

/** `separator` ' ' splits at the first run of white space; '=' at the first equals sign. */
export function parseKeyValueLines(text: string, separator: ' ' | '=', what: string): ParsedLines {
  const entries: Record<string, string> = {};
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const match = separator === ' ' ? /^(\S+)\s+(.*)$/.exec(line) : /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    const key = match?.[1];
    if (!key) {
      const form = separator === ' ' ? 'key value' : 'key=value';
      problems.push(`${what}, line ${index + 1}: "${line}" is not of the form ${form}`);
      return;
    }
    entries[key] = match[2] ?? '';
  });
  return { entries, problems };
}

export function formatKeyValueLines(
  entries: Record<string, string> | undefined,
  separator: ' ' | '=',
): string {
  return Object.entries(entries ?? {})
    .map(([key, value]) => `${key}${separator}${value}`)
    .join('\n');
}
