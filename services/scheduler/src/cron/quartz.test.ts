import { describe, expect, it } from 'vitest';
import { quartzToCron } from './quartz.js';

describe('quartz cron to BullMQ patterns', () => {
  const converted: [string, string, string][] = [
    ['every five seconds', '*/5 * * * * ?', '*/5 * * * * *'],
    ['noon every day', '0 0 12 * * ?', '0 0 12 * * *'],
    ['weekdays by name', '0 15 10 ? * MON-FRI', '0 15 10 * * MON-FRI'],
    ['Sunday is 1 in Quartz and 0 in cron', '0 0 8 ? * 1', '0 0 8 * * 0'],
    ['a range of day numbers', '0 0 8 ? * 2-6', '0 0 8 * * 1-5'],
    ['a list of day numbers', '0 0 8 ? * 1,7', '0 0 8 * * 0,6'],
    ['the third Friday', '0 0 12 ? * 6#3', '0 0 12 * * 5#3'],
    ['the last Thursday', '0 0 12 ? * 5L', '0 0 12 * * 4L'],
    ['the last day of the month', '0 0 12 L * ?', '0 0 12 L * *'],
    ['steps in the minutes', '0 0/5 14 * * ?', '0 0/5 14 * * *'],
    ['a year field of *', '0 0 12 * * ? *', '0 0 12 * * *'],
  ];
  it.each(converted)('converts %s', (_name, quartz, pattern) => {
    expect(quartzToCron(quartz)).toEqual({ pattern });
  });

  const refused: [string, string][] = [
    ['too few fields', '0 12 * * ?'],
    ['a specific year', '0 0 12 * * ? 2030'],
    ['the nearest weekday', '0 0 12 15W * ?'],
    ['days before the end of the month', '0 0 12 L-3 * ?'],
    ['a day number out of range', '0 0 12 ? * 8'],
  ];
  it.each(refused)('refuses %s', (_name, quartz) => {
    expect(quartzToCron(quartz)).toHaveProperty('error');
  });
});
