import { findNodeType, type NodeType } from '@brickyard/common/catalog';
import { describe, expect, it } from 'vitest';
import { driverHeapMb, workerOfferMb } from './memory-plan.js';

const nodeType = (id: string): NodeType => {
  const found = findNodeType(id);
  if (!found) throw new Error(id);
  return found;
};
const tiny: NodeType = { ...nodeType('m5d.large'), memory_mb: 1024 };

describe('the memory plan of a pod', () => {
  it.each([
    ['m5d.large (8 GB)', 'm5d.large', 5478],
    ['r5d.xlarge (32 GB)', 'r5d.xlarge', 22681],
  ])('a Worker on %s offers 70% of the node less its own heap', (_case, id, offer) => {
    expect(workerOfferMb(nodeType(id))).toBe(offer);
  });

  it.each([
    ['a multi-node driver gets a quarter of its node', nodeType('m5d.large'), 'standalone', 2048],
    ['a single-node driver does the work: 70% of its node', nodeType('m5d.large'), 'local', 5734],
    ['no driver gets less than the 512 MB Spark needs', tiny, 'standalone', 512],
  ] as const)('%s', (_case, type, kind, heap) => {
    const mode = kind === 'local' ? { kind, master: 'local[2]' } : { kind };
    expect(driverHeapMb(type, mode)).toBe(heap);
  });
});
