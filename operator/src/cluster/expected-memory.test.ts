import { describe, expect, it } from 'vitest';
import { expectedMemoryMi, jvmMemoryMi } from './expected-memory.js';

describe('jvmMemoryMi', () => {
  it.each([
    ['4g', 4096],
    ['512m', 512],
    ['512M', 512],
    ['2048', 2048],
    ['1t', 1024 * 1024],
    ['1gb', 1024],
  ])('reads %s as %d MiB', (text, mib) => {
    expect(jvmMemoryMi(text)).toBe(mib);
  });

  it('is undefined for what the JVM would refuse', () => {
    expect(jvmMemoryMi('lots')).toBeUndefined();
    expect(jvmMemoryMi('1.5g')).toBeUndefined();
  });
});

describe('expectedMemoryMi', () => {
  it('gives the measured baselines by role, and little to pods without Spark', () => {
    expect(expectedMemoryMi('spark', 'driver', {})).toBe(1200);
    expect(expectedMemoryMi('spark', 'worker', {})).toBe(1024);
    expect(expectedMemoryMi('none', 'driver', { 'spark.driver.memory': '100g' })).toBe(128);
  });

  it("takes a heap set in spark_conf at its word, for the role's own JVM", () => {
    expect(expectedMemoryMi('spark', 'driver', { 'spark.driver.memory': '100g' })).toBe(100 * 1024 + 512);
    expect(expectedMemoryMi('spark', 'worker', { 'spark.driver.memory': '100g' })).toBe(1024);
    expect(expectedMemoryMi('spark', 'worker', { 'spark.executor.memory': '4g' })).toBe(4096 + 512);
    expect(expectedMemoryMi('spark', 'driver', { 'spark.driver.memory': '256m' })).toBe(1200);
    expect(expectedMemoryMi('spark', 'driver', { 'spark.driver.memory': 'lots' })).toBe(1200);
  });
});
