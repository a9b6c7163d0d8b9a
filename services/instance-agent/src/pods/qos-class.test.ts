import type { V1Container } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { qosClass } from './qos-class.js';

function container(resources: V1Container['resources']): V1Container {
  return resources === undefined ? { name: 'c' } : { name: 'c', resources };
}

describe('qosClass', () => {
  it.each<{ sentence: string; containers: V1Container[]; qos: string }>([
    {
      sentence: 'no requests or limits is BestEffort',
      containers: [container(undefined)],
      qos: 'BestEffort',
    },
    {
      sentence: 'limits equal to requests on cpu and memory is Guaranteed',
      containers: [
        container({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1Gi' } }),
      ],
      qos: 'Guaranteed',
    },
    {
      sentence: 'limits alone are Guaranteed, requests default to them',
      containers: [container({ limits: { cpu: '2', memory: '2Gi' } })],
      qos: 'Guaranteed',
    },
    {
      sentence: 'a request below its limit is Burstable',
      containers: [
        container({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }),
      ],
      qos: 'Burstable',
    },
    {
      sentence: 'one BestEffort container beside a Guaranteed one is Burstable',
      containers: [container({ limits: { cpu: '1', memory: '1Gi' } }), container(undefined)],
      qos: 'Burstable',
    },
    {
      sentence: 'a request without limits is Burstable',
      containers: [container({ requests: { memory: '64Mi' } })],
      qos: 'Burstable',
    },
  ])('$sentence', ({ containers, qos }) => {
    expect(qosClass({ containers })).toBe(qos);
  });
});
