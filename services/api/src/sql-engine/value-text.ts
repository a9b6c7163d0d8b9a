/**
 * The text of SQL values as Databricks writes them in JSON_ARRAY and CSV results: every value is a
 * string (floats as Java prints them, TIMESTAMP as an ISO instant with milliseconds, BINARY as
 * base64, INTERVAL as a SQL literal).
 */

const MICROS_PER_MILLI = 1000n;
const MICROS_PER_SECOND = 1_000_000n;
const MICROS_PER_MINUTE = 60n * MICROS_PER_SECOND;
const MICROS_PER_HOUR = 60n * MICROS_PER_MINUTE;
const MICROS_PER_DAY = 24n * MICROS_PER_HOUR;
const MILLIS_PER_DAY = 86_400_000;

/** Java's Double.toString layout of shortest digits: plain in [1e-3, 1e7), else `d.dddE<n>`. */
function javaLayout(exponential: string): string {
  const [mantissa = '0', exponentText = '0'] = exponential.split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa
    .replace('-', '')
    .replace('.', '')
    .replace(/(?<=.)0+$/, '');
  const sign = negative ? '-' : '';
  if (exponent >= -3 && exponent < 7) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    return `${sign}${whole}.${fraction || '0'}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

function specialFloat(value: number): string | undefined {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  // Databricks answers 0.0 for a negative zero too.
  if (value === 0) return '0.0';
  return undefined;
}

/**
 * The shortest digits that read back as `value` under `same`; where one digit would do, Java
 * prints the two-digit value nearest instead (4.9E-324, not 5.0E-324).
 */
function shortestExponential(value: number, same: (text: string) => boolean): string {
  for (let digits = 1; digits <= 17; digits++) {
    const text = value.toExponential(digits - 1);
    if (!same(text)) continue;
    if (digits > 1) return text;
    const two = value.toExponential(1);
    return same(two) ? two : text;
  }
  return value.toExponential();
}

/** A DOUBLE as Java's Double.toString prints it: 1.5, 100.0, 1.0E7, 4.9E-324. */
export function doubleText(value: number): string {
  return specialFloat(value) ?? javaLayout(shortestExponential(value, (text) => Number(text) === value));
}

/** A FLOAT as Java's Float.toString prints it: the shortest digits of the 32-bit value (0.1, not 0.100000001). */
export function floatText(value: number): string {
  const single = Math.fround(value);
  return (
    specialFloat(single) ??
    javaLayout(shortestExponential(single, (text) => Math.fround(Number(text)) === single))
  );
}

/** A DECIMAL from its unscaled integer, keeping the scale: 150 at scale 2 is 1.50. */
export function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  if (scale <= 0) return `${negative ? '-' : ''}${digits}${'0'.repeat(-scale)}`;
  const padded = digits.padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

/** A DATE from days since 1970-01-01 (proleptic Gregorian): 2024-01-02. */
export function dateText(days: number): string {
  return new Date(days * MILLIS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * A TIMESTAMP from microseconds since the epoch, as an instant in UTC with milliseconds:
 * 2024-01-02T03:04:05.123Z. Databricks cuts the microseconds, it does not round them.
 */
export function timestampText(micros: bigint, withZone: boolean): string {
  let millis = micros / MICROS_PER_MILLI;
  if (micros < 0n && micros % MICROS_PER_MILLI !== 0n) millis -= 1n;
  const iso = new Date(Number(millis)).toISOString();
  return withZone ? iso : iso.slice(0, -1);
}

/** Seconds with their fraction and no trailing zeros, two digits before the point: 04, 04.5. */
function secondsText(micros: bigint): string {
  const whole = micros / MICROS_PER_SECOND;
  const fraction = (micros % MICROS_PER_SECOND).toString().padStart(6, '0').replace(/0+$/, '');
  return `${whole.toString().padStart(2, '0')}${fraction ? `.${fraction}` : ''}`;
}

const YEAR_MONTH_FIELDS = ['YEAR', 'MONTH'];
const DAY_TIME_FIELDS = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];

function fieldsSuffix(names: string[], start: number, end: number): string {
  return start === end ? `${names[start]}` : `${names[start]} TO ${names[end]}`;
}

/** A year-month interval as Spark's ANSI literal: INTERVAL '1-2' YEAR TO MONTH, INTERVAL '5' YEAR. */
export function yearMonthIntervalText(months: number, start: number, end: number): string {
  const sign = months < 0 ? '-' : '';
  const magnitude = Math.abs(months);
  const years = `${sign}${Math.trunc(magnitude / 12)}`;
  let value: string;
  if (start !== end) value = `${years}-${magnitude % 12}`;
  else value = start === 0 ? years : String(months);
  return `INTERVAL '${value}' ${fieldsSuffix(YEAR_MONTH_FIELDS, start, end)}`;
}

const two = (value: bigint) => value.toString().padStart(2, '0');

/**
 * A day-time interval as Spark's ANSI literal (IntervalUtils.toDayTimeIntervalString):
 * INTERVAL '1 02:03:04.123456' DAY TO SECOND, INTERVAL '10' HOUR, INTERVAL '01.5' SECOND.
 */
export function dayTimeIntervalText(micros: bigint, start: number, end: number): string {
  const sign = micros < 0n ? '-' : '';
  let rest = micros < 0n ? -micros : micros;
  let value = sign;
  const units = [MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE];
  for (let field = start; field <= end; field++) {
    if (field === 3) {
      value += `${field === start ? '' : ':'}${secondsText(rest)}`;
      break;
    }
    const unit = units[field] as bigint;
    const amount = rest / unit;
    rest %= unit;
    if (field === start) value += field === 0 ? amount.toString() : two(amount);
    else value += `${field === 1 ? ' ' : ':'}${two(amount)}`;
  }
  return `INTERVAL '${value}' ${fieldsSuffix(DAY_TIME_FIELDS, start, end)}`;
}

export function binaryText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
