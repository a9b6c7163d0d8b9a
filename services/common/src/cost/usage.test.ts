import { describe, expect, it } from 'vitest';
import { DOLLARS_PER_DBU, INSTANCE_PRICES } from '../catalog/prices.js';
import { accrue, sqlUsageRate, type UsageLedger, usageAt, usageRate, workloadOf } from './usage.js';

const HOUR = 3_600_000;
const large = INSTANCE_PRICES['m5d.large'];
const i3 = INSTANCE_PRICES['i3.xlarge'];

describe('usageRate', () => {
  it.each([
    { name: 'no instances cost nothing', types: [], workload: 'ALL_PURPOSE', instances: 0, dbus: 0, ec2: 0 },
    {
      name: 'a driver and two workers add up their prices',
      types: ['m5d.large', 'm5d.large', 'i3.xlarge'],
      workload: 'JOBS',
      instances: 3,
      dbus: 2 * (large?.dbusPerHour ?? 0) + (i3?.dbusPerHour ?? 0),
      ec2: 2 * (large?.ec2DollarsPerHour ?? 0) + (i3?.ec2DollarsPerHour ?? 0),
    },
    {
      name: 'an unknown node type is priced as the default one',
      types: ['x9.huge'],
      workload: 'ALL_PURPOSE',
      instances: 1,
      dbus: large?.dbusPerHour ?? 0,
      ec2: large?.ec2DollarsPerHour ?? 0,
    },
  ] as const)('$name', ({ types, workload, instances, dbus, ec2 }) => {
    const rate = usageRate(types, workload);
    expect(rate.instances).toBe(instances);
    expect(rate.dbusPerHour).toBeCloseTo(dbus, 10);
    expect(rate.ec2DollarsPerHour).toBeCloseTo(ec2, 10);
    expect(rate.dbuDollarsPerHour).toBeCloseTo(dbus * DOLLARS_PER_DBU[workload], 10);
  });

  it('bills jobs compute below all-purpose compute for the same instances', () => {
    const jobs = usageRate(['i3.xlarge'], 'JOBS');
    const allPurpose = usageRate(['i3.xlarge'], 'ALL_PURPOSE');
    expect(jobs.dbuDollarsPerHour).toBeLessThan(allPurpose.dbuDollarsPerHour);
    expect(jobs.ec2DollarsPerHour).toBe(allPurpose.ec2DollarsPerHour);
  });
});

describe('sqlUsageRate', () => {
  it("bills a warehouse its size's DBUs while any instance runs, at its SQL price", () => {
    const rate = sqlUsageRate(['m5d.large', 'm5d.large'], { workload: 'SQL_PRO', dbusPerHour: 12 });
    expect(rate).toEqual({
      instances: 2,
      dbusPerHour: 12,
      ec2DollarsPerHour: 2 * (large?.ec2DollarsPerHour ?? 0),
      dbuDollarsPerHour: 12 * DOLLARS_PER_DBU.SQL_PRO,
    });
  });

  it('bills nothing while no instance runs', () => {
    expect(sqlUsageRate([], { workload: 'SQL_CLASSIC', dbusPerHour: 4 })).toEqual({
      instances: 0,
      dbusPerHour: 0,
      ec2DollarsPerHour: 0,
      dbuDollarsPerHour: 0,
    });
  });

  it('leaves EC2 out of a serverless warehouse, whose DBUs include the instances', () => {
    const rate = sqlUsageRate(['m5d.large'], { workload: 'SQL_SERVERLESS', dbusPerHour: 4 });
    expect(rate.ec2DollarsPerHour).toBe(0);
    expect(rate.dbuDollarsPerHour).toBeCloseTo(4 * DOLLARS_PER_DBU.SQL_SERVERLESS, 10);
  });
});

describe('workloadOf', () => {
  it.each([
    ['JOB', 'JOBS'],
    ['API', 'ALL_PURPOSE'],
    ['UI', 'ALL_PURPOSE'],
    [undefined, 'ALL_PURPOSE'],
  ] as const)('cluster source %s is %s compute', (source, workload) => {
    expect(workloadOf(source)).toBe(workload);
  });
});

describe('accrue and usageAt', () => {
  const two = usageRate(['i3.xlarge', 'i3.xlarge'], 'ALL_PURPOSE');
  const one = usageRate(['i3.xlarge'], 'ALL_PURPOSE');

  it('starts an empty ledger at the first observation', () => {
    const ledger = accrue(undefined, two, 'ALL_PURPOSE', 1_000);
    expect(ledger).toEqual({
      workload: 'ALL_PURPOSE',
      dbus: 0,
      ec2Dollars: 0,
      dbuDollars: 0,
      rate: two,
      accruedUntil: 1_000,
    });
  });

  it('returns the same ledger while the rate is the same, so a steady cluster writes nothing', () => {
    const ledger = accrue(undefined, two, 'ALL_PURPOSE', 0);
    expect(accrue(ledger, { ...two }, 'ALL_PURPOSE', 5 * HOUR)).toBe(ledger);
  });

  it('charges the old rate up to a change, then the new one', () => {
    const started = accrue(undefined, two, 'ALL_PURPOSE', 0);
    const shrunk = accrue(started, one, 'ALL_PURPOSE', HOUR);
    expect(shrunk.dbus).toBeCloseTo(two.dbusPerHour, 10);
    expect(shrunk.accruedUntil).toBe(HOUR);
    const later = usageAt(shrunk, 3 * HOUR);
    expect(later.dbus).toBeCloseTo(two.dbusPerHour + 2 * one.dbusPerHour, 10);
    expect(later.ec2Dollars).toBeCloseTo(two.ec2DollarsPerHour + 2 * one.ec2DollarsPerHour, 10);
    expect(later.totalDollars).toBeCloseTo(later.ec2Dollars + later.dbuDollars, 10);
    expect(later.hourlyDollars).toBeCloseTo(one.ec2DollarsPerHour + one.dbuDollarsPerHour, 10);
    expect(later.instances).toBe(1);
  });

  it('adds nothing for a clock that is behind the ledger', () => {
    const ledger: UsageLedger = { ...accrue(undefined, two, 'ALL_PURPOSE', 0), dbus: 3, accruedUntil: HOUR };
    expect(usageAt(ledger, HOUR / 2).dbus).toBe(3);
    expect(accrue(ledger, one, 'ALL_PURPOSE', HOUR / 2).accruedUntil).toBe(HOUR);
  });

  it('costs nothing while a terminated cluster has no instances', () => {
    const stopped = accrue(
      accrue(undefined, two, 'ALL_PURPOSE', 0),
      usageRate([], 'ALL_PURPOSE'),
      'ALL_PURPOSE',
      HOUR,
    );
    expect(usageAt(stopped, 100 * HOUR).totalDollars).toBeCloseTo(usageAt(stopped, HOUR).totalDollars, 10);
  });
});
