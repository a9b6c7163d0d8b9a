import type { V1ResourceQuota } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { needsUpdate, withDesired } from './ensure-object.js';

const desired: V1ResourceQuota = {
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: {
    name: 'limits',
    namespace: 'ns',
    labels: { team: 'a' },
    ownerReferences: [{ apiVersion: 'v1', kind: 'Thing', name: 'owner', uid: 'u1' }],
  },
  spec: { hard: { 'requests.cpu': '4' } },
};

function observed(changes: {
  labels?: Record<string, string>;
  owners?: string[];
  hard?: Record<string, string>;
}): V1ResourceQuota {
  return {
    ...desired,
    metadata: {
      ...desired.metadata,
      resourceVersion: '42',
      labels: changes.labels ?? { team: 'a', extra: 'kept' },
      ownerReferences: (changes.owners ?? ['u1']).map((uid) => ({
        apiVersion: 'v1',
        kind: 'Thing',
        name: uid,
        uid,
      })),
    },
    spec: { hard: changes.hard ?? { 'requests.cpu': '4' } },
  };
}

describe('needsUpdate', () => {
  it.each([
    ['leaves alone an object that has everything desired, and more labels', observed({}), false],
    ['updates an object that lost a desired label', observed({ labels: { extra: 'kept' } }), true],
    ['updates an object whose desired label has another value', observed({ labels: { team: 'b' } }), true],
    ['updates an object that lost its owner reference', observed({ owners: ['u2'] }), true],
    ['updates an object whose owned field differs', observed({ hard: { 'requests.cpu': '8' } }), true],
  ])('%s', (_name, current, expected) => {
    expect(needsUpdate(current, desired, ['spec'])).toBe(expected);
  });
});

describe('withDesired', () => {
  it('keeps what the apiserver and others set, and takes labels, owners and owned fields from desired', () => {
    const merged = withDesired(observed({ labels: { extra: 'kept' }, owners: ['u2'], hard: {} }), desired, [
      'spec',
    ]);
    expect(merged.metadata?.resourceVersion).toBe('42');
    expect(merged.metadata?.labels).toEqual({ extra: 'kept', team: 'a' });
    expect(merged.metadata?.ownerReferences?.map((owner) => owner.uid)).toEqual(['u2', 'u1']);
    expect(merged.spec).toEqual(desired.spec);
  });
});
