import { describe, expect, it } from 'vitest';
import type { PodStatusBody } from './pod-status.js';
import { canonicalJson, StatusWriteGate } from './status-diff.js';

const computed: PodStatusBody = {
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }],
  containerStatuses: [
    {
      name: 'a',
      image: 'i',
      imageID: 'brickyard://i',
      containerID: 'brickyard://1',
      started: true,
      ready: true,
      restartCount: 0,
      state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
      lastState: {},
    },
  ],
  hostIP: '127.0.0.1',
  hostIPs: [{ ip: '127.0.0.1' }],
  startTime: '2026-01-01T00:00:00Z',
  qosClass: 'BestEffort',
};

/** The same status as client-node returns it from a list: Dates, nulls, keys in another order. */
const observedAsListed = {
  qosClass: 'BestEffort',
  startTime: new Date('2026-01-01T00:00:00Z'),
  hostIPs: [{ ip: '127.0.0.1' }],
  hostIP: '127.0.0.1',
  containerStatuses: [
    {
      lastState: {},
      state: { running: { startedAt: new Date('2026-01-01T00:00:00Z') } },
      restartCount: 0,
      ready: true,
      started: true,
      containerID: 'brickyard://1',
      imageID: 'brickyard://i',
      image: 'i',
      name: 'a',
    },
  ],
  conditions: [
    {
      type: 'Ready',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: new Date('2026-01-01T00:00:00Z'),
    },
  ],
  phase: 'Running',
  podIPs: [],
};

describe('canonicalJson', () => {
  it.each([
    { sentence: 'key order does not matter', a: { x: 1, y: 2 }, b: { y: 2, x: 1 } },
    {
      sentence: 'a Date equals its metav1.Time string',
      a: new Date('2026-01-01T00:00:00.000Z'),
      b: '2026-01-01T00:00:00Z',
    },
    { sentence: 'null, empty objects and empty arrays are absent', a: { x: null, y: {}, z: [] }, b: {} },
  ])('$sentence', ({ a, b }) => {
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });
});

describe('StatusWriteGate', () => {
  it('skips a status the pod already shows, whatever its rendering', () => {
    expect(new StatusWriteGate().needsWrite(computed, observedAsListed)).toBe(false);
  });

  it('writes a status that differs from the pod', () => {
    expect(new StatusWriteGate().needsWrite({ ...computed, phase: 'Failed' }, observedAsListed)).toBe(true);
  });

  it('does not repeat a write whose answer the pod still shows', () => {
    const gate = new StatusWriteGate();
    const returned = { ...observedAsListed, extra: 'ignored', podIP: 'rendered differently' };
    gate.wrote(computed, returned);
    expect(gate.needsWrite(computed, returned)).toBe(false);
  });

  it('writes again when someone else changed the status since', () => {
    const gate = new StatusWriteGate();
    const returned = { ...observedAsListed, podIP: 'rendered differently' };
    gate.wrote(computed, returned);
    expect(gate.needsWrite(computed, { ...returned, phase: 'Unknown' })).toBe(true);
  });
});
