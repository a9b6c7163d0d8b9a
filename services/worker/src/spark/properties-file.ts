/**
 * Settings as a Java properties file, which `spark-submit --properties-file` reads (as UTF-8):
 * backslashes, separators, comment marks and control characters escaped, so that any value
 * reads back as written.
 */
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\f': '\\f',
  '=': '\\=',
  ':': '\\:',
  '#': '\\#',
  '!': '\\!',
};

function escapeText(text: string, isKey: boolean): string {
  const escaped = text.replace(/[\\\n\r\t\f=:#!]/g, (character) => ESCAPES[character] ?? character);
  // Spaces end a key, and a value's leading ones would be dropped.
  return isKey ? escaped.replaceAll(' ', '\\ ') : escaped.replace(/^ /, '\\ ');
}

export function formatProperties(settings: Readonly<Record<string, string>>): string {
  return Object.entries(settings)
    .map(([key, value]) => `${escapeText(key, true)}=${escapeText(value, false)}\n`)
    .join('');
}
