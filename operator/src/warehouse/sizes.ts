import type { ClusterSize } from '@brickyard/common/schema';

/**
 * What each warehouse size runs on, the one table of it. On Databricks a size is one driver and
 * 1 to 256 i3.2xlarge workers (docs: "SQL warehouse sizing, scaling, and queuing behavior"). Here
 * every instance is a process on one machine, so a size gets a few workers of the default node
 * type, more for larger sizes. DBUs per hour are Databricks' rates for the size, what it is billed
 * at while it runs.
 *
 * | size     | Databricks workers | workers here | DBU/h |
 * |----------|--------------------|--------------|-------|
 * | 2X-Small | 1                  | 1            | 4     |
 * | X-Small  | 2                  | 1            | 6     |
 * | Small    | 4                  | 2            | 12    |
 * | Medium   | 8                  | 2            | 24    |
 * | Large    | 16                 | 3            | 40    |
 * | X-Large  | 32                 | 3            | 80    |
 * | 2X-Large | 64                 | 4            | 144   |
 * | 3X-Large | 128                | 4            | 272   |
 * | 4X-Large | 256                | 4            | 528   |
 */
export const WAREHOUSE_SIZES: Readonly<Record<ClusterSize, { workers: number; dbusPerHour: number }>> = {
  '2X-Small': { workers: 1, dbusPerHour: 4 },
  'X-Small': { workers: 1, dbusPerHour: 6 },
  Small: { workers: 2, dbusPerHour: 12 },
  Medium: { workers: 2, dbusPerHour: 24 },
  Large: { workers: 3, dbusPerHour: 40 },
  'X-Large': { workers: 3, dbusPerHour: 80 },
  '2X-Large': { workers: 4, dbusPerHour: 144 },
  '3X-Large': { workers: 4, dbusPerHour: 272 },
  '4X-Large': { workers: 4, dbusPerHour: 528 },
};
