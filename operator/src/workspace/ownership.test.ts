import type { V1Namespace } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { type NamespaceOwnership, namespaceOwnership } from './ownership.js';
import { testWorkspace } from './test-workspace.js';

const ourLabels = { 'app.kubernetes.io/managed-by': 'brickyard', 'brickyard.dev/workspace-id': '1234' };
const owner = (uid: string) => ({
  apiVersion: 'brickyard.dev/v1alpha1',
  kind: 'Workspace',
  name: 'ws-1234',
  uid,
  controller: true,
});

describe('namespaceOwnership', () => {
  const cases: Record<
    string,
    { metadata: NonNullable<V1Namespace['metadata']>; ownership: NamespaceOwnership }
  > = {
    'owns a namespace that names the Workspace as owner': {
      metadata: { name: 'brickyard-ws-1234', labels: ourLabels, ownerReferences: [owner('uid-1')] },
      ownership: 'owned',
    },
    'adopts a namespace with our labels that nobody controls': {
      metadata: { name: 'brickyard-ws-1234', labels: ourLabels },
      ownership: 'adoptable',
    },
    'leaves alone the namespace of another Workspace with the same id': {
      metadata: { name: 'brickyard-ws-1234', labels: ourLabels, ownerReferences: [owner('uid-2')] },
      ownership: 'foreign',
    },
    'adopts a namespace someone made by hand ahead of time under the reserved name': {
      metadata: { name: 'brickyard-ws-1234', labels: { team: 'data' } },
      ownership: 'adoptable',
    },
    'leaves alone a namespace that another controller owns': {
      metadata: {
        name: 'brickyard-ws-1234',
        ownerReferences: [{ apiVersion: 'v1', kind: 'Thing', name: 'x', uid: 'uid-9', controller: true }],
      },
      ownership: 'foreign',
    },
    'leaves alone a namespace labelled for another workspace id': {
      metadata: { name: 'brickyard-ws-1234', labels: { ...ourLabels, 'brickyard.dev/workspace-id': '99' } },
      ownership: 'foreign',
    },
  };

  it.each(Object.entries(cases))('%s', (_name, { metadata, ownership }) => {
    expect(namespaceOwnership({ metadata }, testWorkspace({}))).toBe(ownership);
  });
});
