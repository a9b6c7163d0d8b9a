import { describe, expect, it } from 'vitest';
import { autoStopLabel, clusterCountLabel } from './warehouse-labels';

describe('warehouse labels', () => {
  it('shows the clusters running beside the scaling bounds', () => {
    expect(clusterCountLabel({ num_clusters: 0, min_num_clusters: 1, max_num_clusters: 1 })).toBe(
      '0 (scaling 1)',
    );
    expect(clusterCountLabel({ num_clusters: 2, min_num_clusters: 1, max_num_clusters: 3 })).toBe(
      '2 (scaling 1–3)',
    );
  });

  it('reads auto stop as Databricks does', () => {
    expect(autoStopLabel(0)).toBe('Never');
    expect(autoStopLabel(10)).toBe('After 10 minutes idle');
    expect(autoStopLabel(undefined)).toBe('—');
  });
});
