/**
 * Quartz cron (Databricks' schedule syntax) to the cron pattern BullMQ's job schedulers take
 * (cron-parser, six fields with seconds first). The differences:
 *
 *   - day of week: Quartz counts 1-7 from Sunday, cron 0-6 (names are the same); `L` alone is
 *     Saturday; `5L` (last Thursday) and `6#3` (third Friday) keep their meaning with the day shifted
 *   - `?` (no specific value) is `*`
 *   - the optional seventh field (year) is only accepted as `*`
 *   - `W` (nearest weekday) and `L-n` (n days before the end of the month) have no equivalent
 */

export type CronConversion = { pattern: string } | { error: string };

function shiftDay(value: string): string | undefined {
  if (/^[A-Za-z]{3}$/.test(value)) return value.toUpperCase();
  if (!/^\d+$/.test(value)) return undefined;
  const day = Number(value);
  return day >= 1 && day <= 7 ? String(day - 1) : undefined;
}

function convertDayOfWeekItem(item: string): string | undefined {
  const [base = '', step, extra] = item.split('/');
  if (extra !== undefined) return undefined;
  let converted: string | undefined;
  if (base === '*' || base === '?') converted = '*';
  else if (base === 'L') converted = '6';
  else if (base.includes('#')) {
    const [day = '', nth = ''] = base.split('#');
    const shifted = shiftDay(day);
    converted = shifted !== undefined && /^[1-5]$/.test(nth) ? `${shifted}#${nth}` : undefined;
  } else if (base.length > 1 && base.endsWith('L')) {
    const shifted = shiftDay(base.slice(0, -1));
    converted = shifted === undefined ? undefined : `${shifted}L`;
  } else if (base.includes('-')) {
    const [from = '', to = ''] = base.split('-');
    const a = shiftDay(from);
    const b = shiftDay(to);
    converted = a === undefined || b === undefined ? undefined : `${a}-${b}`;
  } else {
    converted = shiftDay(base);
  }
  if (converted === undefined) return undefined;
  if (step === undefined) return converted;
  return /^\d+$/.test(step) ? `${converted === '*' ? '*' : converted}/${step}` : undefined;
}

export function quartzToCron(expression: string): CronConversion {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) {
    return { error: `expected 6 or 7 fields, got ${fields.length}` };
  }
  const [seconds, minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  if (year !== undefined && year !== '*' && year !== '?') {
    return { error: `the year field (${year}) is not supported; use * or leave it out` };
  }
  if (/W/i.test(dayOfMonth) || /L-/i.test(dayOfMonth)) {
    return { error: `day of month ${dayOfMonth}: W and L-n are not supported` };
  }
  const days: string[] = [];
  for (const item of dayOfWeek.split(',')) {
    const converted = convertDayOfWeekItem(item);
    if (converted === undefined) return { error: `day of week ${dayOfWeek}: cannot convert '${item}'` };
    days.push(converted);
  }
  const question = (field: string) => (field === '?' ? '*' : field);
  return {
    pattern: [seconds, minutes, hours, question(dayOfMonth), month, days.join(',')].join(' '),
  };
}
