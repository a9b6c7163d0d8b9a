import { scanSql } from './sql-lexer.js';

/**
 * Named parameters in SQL use the Databricks SQL '{{name}}' syntax (spaces inside the braces are
 * allowed: '{{ name }}'). The value is substituted as text, exactly as written, in code and in
 * string literals alike, so a string parameter is quoted by the query: `WHERE day = '{{day}}'`.
 * Comments are left alone. A reference to a parameter that has no value fails the statement.
 */
export class MissingParameterError extends Error {
  constructor(readonly names: string[]) {
    super(
      `no value for parameter${names.length > 1 ? 's' : ''} ${names.map((name) => `'${name}'`).join(', ')}: ` +
        'pass it in the task parameters (or define a widget default)',
    );
    this.name = 'MissingParameterError';
  }
}

const REFERENCE = /\{\{\s*([^{}\s][^{}]*?)\s*\}\}/g;

export function substituteParameters(sql: string, parameters: Readonly<Record<string, string>>): string {
  const missing = new Set<string>();
  const result = scanSql(sql)
    .map((segment) => {
      if (segment.kind === 'comment') return segment.text;
      return segment.text.replace(REFERENCE, (whole, name: string) => {
        const value = Object.hasOwn(parameters, name) ? parameters[name] : undefined;
        if (value === undefined) {
          missing.add(name);
          return whole;
        }
        return value;
      });
    })
    .join('');
  if (missing.size > 0) throw new MissingParameterError([...missing]);
  return result;
}
