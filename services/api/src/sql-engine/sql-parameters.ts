import { SqlError } from './sql-error.js';
import { dateText, dayTimeIntervalText, yearMonthIntervalText } from './value-text.js';

/**
 * Statement parameters ({name, value, type}, values as text) as typed SQL literals for their
 * markers. The text converts as `CAST(value AS type)` would; a value that does not convert fails
 * the statement, as on Databricks. A TIMESTAMP without an offset is read in UTC, the time zone of
 * Databricks SQL warehouses.
 *
 * Spark Connect's named_arguments cannot carry them: Spark 4.2 binds arguments while parsing, and
 * Delta's parser extension (on every cluster) parses without them, so Spark itself answers
 * UNBOUND_SQL_PARAMETER (pyspark's `spark.sql(q, args)` too). marker-substitution.ts puts the
 * literals in the text instead, which is what Spark 4.2 does with them.
 */

export interface StatementParameter {
  name?: string | undefined;
  value?: string | null | undefined;
  type?: string | undefined;
}

/** The SQL literal of each parameter, by name (`:name` markers) or in order (`?` markers). */
export interface BoundParameters {
  named: Record<string, string>;
  positional: string[];
}

type ParameterType =
  | { kind: 'string' | 'boolean' | 'float' | 'double' | 'date' | 'timestamp' | 'timestamp_ntz' }
  | { kind: 'byte' | 'short' | 'integer' | 'long'; min: bigint; max: bigint }
  | { kind: 'decimal'; precision: number; scale: number }
  | { kind: 'year_month_interval' | 'day_time_interval'; start: number; end: number };

const INTEGERS: Record<string, ParameterType> = {
  TINYINT: { kind: 'byte', min: -128n, max: 127n },
  BYTE: { kind: 'byte', min: -128n, max: 127n },
  SMALLINT: { kind: 'short', min: -32768n, max: 32767n },
  SHORT: { kind: 'short', min: -32768n, max: 32767n },
  INT: { kind: 'integer', min: -(2n ** 31n), max: 2n ** 31n - 1n },
  INTEGER: { kind: 'integer', min: -(2n ** 31n), max: 2n ** 31n - 1n },
  BIGINT: { kind: 'long', min: -(2n ** 63n), max: 2n ** 63n - 1n },
  LONG: { kind: 'long', min: -(2n ** 63n), max: 2n ** 63n - 1n },
};

const SIMPLE: Record<string, ParameterType> = {
  STRING: { kind: 'string' },
  BOOLEAN: { kind: 'boolean' },
  FLOAT: { kind: 'float' },
  REAL: { kind: 'float' },
  DOUBLE: { kind: 'double' },
  DATE: { kind: 'date' },
  TIMESTAMP: { kind: 'timestamp' },
  TIMESTAMP_LTZ: { kind: 'timestamp' },
  TIMESTAMP_NTZ: { kind: 'timestamp_ntz' },
};

const YEAR_MONTH = ['YEAR', 'MONTH'];
const DAY_TIME = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];

function intervalType(text: string): ParameterType | undefined {
  const match = text.match(/^INTERVAL\s+(\w+)(?:\s+TO\s+(\w+))?$/);
  if (!match?.[1]) return undefined;
  const [from, to = from] = [match[1], match[2]];
  for (const [kind, fields] of [
    ['year_month_interval', YEAR_MONTH],
    ['day_time_interval', DAY_TIME],
  ] as const) {
    const start = fields.indexOf(from);
    const end = fields.indexOf(to ?? from);
    if (start >= 0 && end >= start) return { kind, start, end };
  }
  return undefined;
}

function invalidType(name: string, type: string): SqlError {
  return SqlError.of(
    'INVALID_PARAMETER_MARKER_VALUE.INVALID_DATA_TYPE',
    '22023',
    `The parameter ${name} has the type ${type}, which a parameter marker cannot take.`,
  );
}

/** The type of a parameter from its `type` text (STRING when none is given). */
function parameterType(name: string, raw: string | undefined): ParameterType {
  const text = (raw ?? 'STRING').trim().toUpperCase().replace(/\s+/g, ' ');
  const known = SIMPLE[text] ?? INTEGERS[text];
  if (known) return known;
  if (/^(VAR)?CHAR\s*\(\s*\d+\s*\)$/.test(text)) return { kind: 'string' };
  const decimal = text.match(/^(?:DECIMAL|DEC|NUMERIC)(?:\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?$/);
  if (decimal) {
    const precision = Number(decimal[1] ?? 10);
    const scale = Number(decimal[2] ?? 0);
    if (precision >= 1 && precision <= 38 && scale <= precision) return { kind: 'decimal', precision, scale };
  }
  const interval = intervalType(text);
  if (interval) return interval;
  throw invalidType(name, raw ?? '');
}

/** The SQL type as Spark names it, for messages. */
function typeName(type: ParameterType): string {
  switch (type.kind) {
    case 'decimal':
      return `DECIMAL(${type.precision},${type.scale})`;
    case 'year_month_interval':
    case 'day_time_interval': {
      const fields = type.kind === 'year_month_interval' ? YEAR_MONTH : DAY_TIME;
      const from = fields[type.start];
      return type.start === type.end ? `INTERVAL ${from}` : `INTERVAL ${from} TO ${fields[type.end]}`;
    }
    default:
      return type.kind.toUpperCase();
  }
}

class Unconvertible extends Error {}

function booleanOf(text: string): boolean {
  const lower = text.toLowerCase();
  if (['true', 't', 'yes', 'y', '1'].includes(lower)) return true;
  if (['false', 'f', 'no', 'n', '0'].includes(lower)) return false;
  throw new Unconvertible();
}

function integerOf(text: string, min: bigint, max: bigint): bigint {
  if (!/^[+-]?\d+$/.test(text)) throw new Unconvertible();
  const value = BigInt(text);
  if (value < min || value > max) throw new Unconvertible();
  return value;
}

function floatingOf(text: string): number {
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower === 'nan') return Number.NaN;
  if (['inf', 'infinity'].includes(lower)) return Number.POSITIVE_INFINITY;
  if (['-inf', '-infinity'].includes(lower)) return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?[df]?$/.test(lower)) throw new Unconvertible();
  return Number(lower.replace(/[df]$/, ''));
}

/** A decimal rounded half up to `scale` digits, as text; fails when it needs more than `precision`. */
export function decimalValue(text: string, precision: number, scale: number): string {
  const match = text.match(/^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/);
  if (!match || (match[2] === '' && !match[3])) throw new Unconvertible();
  const negative = match[1] === '-';
  const digits = `${match[2] ?? ''}${match[3] ?? ''}`;
  const pointAt = (match[2] ?? '').length + Number(match[4] ?? 0);
  // The unscaled value at the wanted scale, before rounding: digits shifted by the exponent.
  const shift = pointAt + scale - digits.length;
  let unscaled: bigint;
  if (shift >= 0) {
    unscaled = BigInt(`${digits || '0'}${'0'.repeat(shift)}`);
  } else {
    const kept = digits.slice(0, digits.length + shift);
    const firstDropped = Number(digits[digits.length + shift] ?? '0');
    unscaled = BigInt(kept || '0') + (firstDropped >= 5 ? 1n : 0n);
  }
  if (unscaled.toString().length > precision) throw new Unconvertible();
  const padded = unscaled.toString().padStart(scale + 1, '0');
  const value = scale > 0 ? `${padded.slice(0, -scale)}.${padded.slice(-scale)}` : padded;
  return `${negative && unscaled !== 0n ? '-' : ''}${value}`;
}

const MILLIS_PER_DAY = 86_400_000;

/** Milliseconds at 00:00 UTC of a proleptic Gregorian date, checking that the date exists. */
function utcMillisOf(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new Unconvertible();
  }
  return date.getTime();
}

const DATE_PATTERN = /^([+-]?\d{4,6})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$/;

function dateDays(text: string): number {
  const match = text.match(DATE_PATTERN);
  if (!match) throw new Unconvertible();
  return utcMillisOf(Number(match[1]), Number(match[2] ?? 1), Number(match[3] ?? 1)) / MILLIS_PER_DAY;
}

const TIMESTAMP_PATTERN =
  /^([+-]?\d{4,6})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{0,9}))?)?)?\s*(Z|UTC|[+-]\d{1,2}(?::?\d{2})?)?$/i;

/** Minutes east of UTC of an offset such as +05:30, -0800, +1, Z or UTC. */
function offsetMinutes(zone: string | undefined): number {
  if (!zone || /^(Z|UTC)$/i.test(zone)) return 0;
  const match = zone.match(/^([+-])(\d{1,2})(?::?(\d{2}))?$/);
  if (!match) throw new Unconvertible();
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  if (minutes > 18 * 60) throw new Unconvertible();
  return match[1] === '-' ? -minutes : minutes;
}

function timestampMicros(text: string, withZone: boolean): bigint {
  const match = text.match(TIMESTAMP_PATTERN);
  if (!match) throw new Unconvertible();
  const [hour, minute, second] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) throw new Unconvertible();
  const midnight = utcMillisOf(Number(match[1]), Number(match[2]), Number(match[3]));
  const fraction = BigInt((match[7] ?? '').padEnd(6, '0').slice(0, 6) || '0');
  const offset = withZone ? offsetMinutes(match[8]) : 0;
  const millis = midnight + ((hour * 60 + minute - offset) * 60 + second) * 1000;
  return BigInt(millis) * 1000n + fraction;
}

/** The text inside `INTERVAL '...' <fields>`, or the text itself. */
function intervalBody(text: string): string {
  return text.match(/^INTERVAL\s+'([^']*)'/i)?.[1] ?? text;
}

function yearMonthMonths(text: string, start: number, end: number): number {
  const body = intervalBody(text).trim();
  const match = start === end ? body.match(/^([+-]?)(\d+)$/) : body.match(/^([+-]?)(\d+)-(\d{1,2})$/);
  if (!match) throw new Unconvertible();
  const sign = match[1] === '-' ? -1 : 1;
  const months =
    start !== end ? Number(match[2]) * 12 + Number(match[3]) : Number(match[2]) * (start === 0 ? 12 : 1);
  if (start !== end && Number(match[3]) > 11) throw new Unconvertible();
  if (months > 2 ** 31 - 1) throw new Unconvertible();
  return sign * months;
}

const DAY_TIME_UNITS = [86_400_000_000n, 3_600_000_000n, 60_000_000n, 1_000_000n];
const DAY_TIME_SEPARATORS = ['', ' ', ':', ':'];
const DAY_TIME_LIMITS = [undefined, 23, 59, 59];

function dayTimeMicros(text: string, start: number, end: number): bigint {
  let body = intervalBody(text).trim();
  let sign = 1n;
  if (/^[+-]/.test(body)) {
    sign = body.startsWith('-') ? -1n : 1n;
    body = body.slice(1);
  }
  let total = 0n;
  for (let field = start; field <= end; field++) {
    if (field > start) {
      if (!body.startsWith(DAY_TIME_SEPARATORS[field] as string)) throw new Unconvertible();
      body = body.slice(1);
    }
    const pattern = field === 3 ? /^(\d+)(?:\.(\d{1,9}))?/ : /^(\d+)/;
    const match = body.match(pattern);
    if (!match?.[1]) throw new Unconvertible();
    const amount = BigInt(match[1]);
    const limit = DAY_TIME_LIMITS[field];
    if (field > start && limit !== undefined && amount > BigInt(limit)) throw new Unconvertible();
    total += amount * (DAY_TIME_UNITS[field] as bigint);
    if (field === 3) total += BigInt((match[2] ?? '').padEnd(6, '0').slice(0, 6) || '0');
    body = body.slice(match[0].length);
  }
  if (body !== '') throw new Unconvertible();
  return sign * total;
}

const MICROS_PER_DAY = 86_400_000_000n;

/** `2024-01-02 03:04:05.123456` of microseconds since the epoch. */
function timestampBody(micros: bigint): string {
  const days = micros / MICROS_PER_DAY - (micros % MICROS_PER_DAY < 0n ? 1n : 0n);
  const inDay = micros - days * MICROS_PER_DAY;
  const second = inDay / 1_000_000n;
  const clock = [second / 3600n, (second / 60n) % 60n, second % 60n].map((part) =>
    part.toString().padStart(2, '0'),
  );
  const fraction = (inDay % 1_000_000n).toString().padStart(6, '0');
  return `${dateText(Number(days))} ${clock.join(':')}.${fraction}`;
}

/** A string literal: Spark reads backslash escapes in quoted text, so both are escaped. */
function stringLiteral(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

const INTEGER_SUFFIX = { byte: 'Y', short: 'S', integer: '', long: 'L' } as const;

/** The SQL literal of a parameter value of a type; throws Unconvertible when the text does not convert. */
function sqlLiteralOf(type: ParameterType, raw: string): string {
  const text = raw.trim();
  switch (type.kind) {
    case 'string':
      return stringLiteral(raw);
    case 'boolean':
      return booleanOf(text) ? 'TRUE' : 'FALSE';
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
      return `${integerOf(text, type.min, type.max)}${INTEGER_SUFFIX[type.kind]}`;
    case 'float': {
      const value = floatingOf(text);
      if (Number.isFinite(value) && !Number.isFinite(Math.fround(value))) throw new Unconvertible();
      return `CAST('${value}' AS FLOAT)`;
    }
    case 'double': {
      const value = floatingOf(text);
      return Number.isFinite(value) ? `${value}D` : `CAST('${value}' AS DOUBLE)`;
    }
    case 'decimal':
      return `${decimalValue(text, type.precision, type.scale)}BD`;
    case 'date':
      return `DATE'${dateText(dateDays(text))}'`;
    case 'timestamp':
      return `TIMESTAMP'${timestampBody(timestampMicros(text, true))}Z'`;
    case 'timestamp_ntz':
      return `TIMESTAMP_NTZ'${timestampBody(timestampMicros(text, false))}'`;
    case 'year_month_interval':
      return yearMonthIntervalText(yearMonthMonths(text, type.start, type.end), type.start, type.end);
    case 'day_time_interval':
      return dayTimeIntervalText(dayTimeMicros(text, type.start, type.end), type.start, type.end);
  }
}

function bindOne(name: string, parameter: StatementParameter): string {
  const type = parameterType(name, parameter.type);
  if (parameter.value === undefined || parameter.value === null) return `CAST(NULL AS ${typeName(type)})`;
  try {
    return sqlLiteralOf(type, parameter.value);
  } catch (error) {
    if (!(error instanceof Unconvertible)) throw error;
    throw SqlError.of(
      'INVALID_VALUE_FOR_DATA_TYPE',
      '22023',
      `The value '${parameter.value}' of the parameter ${name} cannot be converted to ${typeName(type)}.`,
    );
  }
}

/**
 * The literals of parameters: named (`:name` markers) when they have names, positional (`?`) when
 * none has.
 * Throws SqlError for what fails the statement: a type that cannot be bound, a value that does not
 * convert, a name given twice, names on some parameters only.
 */
export function bindParameters(parameters: readonly StatementParameter[]): BoundParameters {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  const withNames = parameters.filter((parameter) => parameter.name !== undefined && parameter.name !== '');
  if (withNames.length > 0 && withNames.length < parameters.length) {
    throw SqlError.of(
      'INVALID_QUERY_MIXED_QUERY_PARAMETERS',
      '42613',
      'Parameterized query must either use positional, or named parameters, but not both.',
    );
  }
  parameters.forEach((parameter, index) => {
    const name = parameter.name ?? '';
    if (name === '') {
      positional.push(bindOne(`${index + 1}`, parameter));
      return;
    }
    if (Object.hasOwn(named, name)) {
      throw SqlError.of(
        'INVALID_PARAMETER_MARKER_VALUE.DUPLICATE_NAME',
        '22023',
        `The parameter ${name} is given more than once.`,
      );
    }
    named[name] = bindOne(name, parameter);
  });
  return { named, positional };
}
