/**
 * Query results as text for the logs, in the layout of Spark's DataFrame.show():
 *
 *   +---+----+
 *   | id|name|
 *   +---+----+
 *   |  1|   a|
 *   +---+----+
 *   only showing top 20 rows
 */
export interface TableText {
  columns: string[];
  rows: unknown[][];
  /** True when there were more rows than `rows` holds. */
  truncated: boolean;
}

const MAX_CELL = 60;

export function formatCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = 'NULL';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    text = String(value);
  else text = JSON.stringify(value);
  text = text.replace(/\r?\n/g, '\\n');
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 3)}...` : text;
}

export function formatTable(table: TableText): string {
  const cells = table.rows.map((row) => table.columns.map((_, index) => formatCell(row[index])));
  const widths = table.columns.map((name, index) =>
    Math.max(name.length, ...cells.map((row) => (row[index] as string).length)),
  );
  const rule = `+${widths.map((width) => '-'.repeat(width)).join('+')}+`;
  const line = (values: string[]) =>
    `|${values.map((value, index) => value.padStart(widths[index] as number)).join('|')}|`;
  const lines = [rule, line(table.columns), rule, ...cells.map(line), rule];
  if (table.truncated)
    lines.push(`only showing top ${table.rows.length} row${table.rows.length === 1 ? '' : 's'}`);
  return lines.join('\n');
}
