import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_SETTINGS, parseNodeSelector, readClusterSettings } from './settings.js';

describe('readClusterSettings', () => {
  it('defaults everything: the runtime image on the instance agent Nodes, real minutes', () => {
    expect(readClusterSettings({})).toEqual(DEFAULT_CLUSTER_SETTINGS);
    expect(DEFAULT_CLUSTER_SETTINGS).toMatchObject({
      runtimeImage: 'brickyard/runtime',
      nodeSelector: { 'brickyard.dev/instance-agent': 'true' },
      minuteMs: 60_000,
      scaleDownIdleMs: 60_000,
      jobClusterRetentionMs: 30 * 24 * 60 * 60 * 1000,
    });
  });

  it('takes shorter timings and another image for tests', () => {
    const settings = readClusterSettings({
      BRICKYARD_RUNTIME_IMAGE: 'brickyard/sleeper',
      BRICKYARD_RUNTIME_PULL_POLICY: 'Always',
      BRICKYARD_NODE_SELECTOR: '',
      BRICKYARD_INSTANCES: 'node-type',
      BRICKYARD_AUTOSCALE_IDLE_MS: '1500',
      BRICKYARD_AUTOTERMINATION_MINUTE_MS: '300',
      BRICKYARD_UNSCHEDULABLE_TIMEOUT_MS: '3000',
      BRICKYARD_DEMAND_POLL_MS: '250',
      BRICKYARD_JOB_CLUSTER_RETENTION_MS: '2000',
    });
    expect(settings).toMatchObject({
      runtimeImage: 'brickyard/sleeper',
      runtimePullPolicy: 'Always',
      nodeSelector: {},
      instances: 'node-type',
      scaleDownIdleMs: 1_500,
      minuteMs: 300,
      unschedulableTimeoutMs: 3_000,
      demandPollMs: 250,
      jobClusterRetentionMs: 2_000,
    });
  });

  it('mounts DBFS from the platform bucket unless told not to', () => {
    expect(readClusterSettings({ BRICKYARD_BUCKET: 'b' }).dbfsBucket).toBe('b');
    expect(
      readClusterSettings({ BRICKYARD_BUCKET: 'b', BRICKYARD_DBFS_MOUNT: 'false' }).dbfsBucket,
    ).toBeUndefined();
  });

  it('refuses an instance source it does not know', () => {
    expect(() => readClusterSettings({ BRICKYARD_INSTANCES: 'ec2' })).toThrow(/agent, node-type, none/);
  });

  it('refuses a pull policy Kubernetes does not have', () => {
    expect(() => readClusterSettings({ BRICKYARD_RUNTIME_PULL_POLICY: 'Sometimes' })).toThrow(/IfNotPresent/);
  });

  it('refuses a timing that is not a positive integer', () => {
    expect(() => readClusterSettings({ BRICKYARD_AUTOTERMINATION_MINUTE_MS: 'soon' })).toThrow(/integer/);
  });
});

describe('parseNodeSelector', () => {
  it('reads key=value pairs', () => {
    expect(parseNodeSelector('a=b, c.io/d=e')).toEqual({ a: 'b', 'c.io/d': 'e' });
  });
  it('refuses something else', () => {
    expect(() => parseNodeSelector('just-a-key')).toThrow(/key=value/);
  });
});
