import { DEFAULT_NODE_TYPE_ID } from './node-types.js';

/**
 * What an instance of each node type would cost on Databricks on AWS: the EC2 on-demand price
 * (us-east-1, Linux) and the DBUs it consumes per hour. These are ESTIMATES from public list
 * prices, for showing the shape of a bill, not for invoicing.
 */
export interface InstancePrice {
  ec2DollarsPerHour: number;
  dbusPerHour: number;
}

export const INSTANCE_PRICES: Readonly<Record<string, InstancePrice>> = {
  'm5d.large': { ec2DollarsPerHour: 0.113, dbusPerHour: 0.34 },
  'm5d.xlarge': { ec2DollarsPerHour: 0.226, dbusPerHour: 0.69 },
  'm5d.2xlarge': { ec2DollarsPerHour: 0.452, dbusPerHour: 1.37 },
  'i3.xlarge': { ec2DollarsPerHour: 0.312, dbusPerHour: 1 },
  'i3.2xlarge': { ec2DollarsPerHour: 0.624, dbusPerHour: 2 },
  'r5d.large': { ec2DollarsPerHour: 0.144, dbusPerHour: 0.45 },
  'r5d.xlarge': { ec2DollarsPerHour: 0.288, dbusPerHour: 0.9 },
  'c5d.xlarge': { ec2DollarsPerHour: 0.192, dbusPerHour: 0.61 },
  'c5d.2xlarge': { ec2DollarsPerHour: 0.384, dbusPerHour: 1.22 },
};

/**
 * Jobs compute (job clusters) is billed at a lower DBU rate than all-purpose compute; a SQL
 * warehouse's compute at the SQL rate of its type.
 */
export const WORKLOADS = ['ALL_PURPOSE', 'JOBS', 'SQL_CLASSIC', 'SQL_PRO', 'SQL_SERVERLESS'] as const;
export type Workload = (typeof WORKLOADS)[number];

/** Dollars per DBU by workload (AWS, Premium tier list prices). */
export const DOLLARS_PER_DBU: Readonly<Record<Workload, number>> = {
  ALL_PURPOSE: 0.55,
  JOBS: 0.15,
  SQL_CLASSIC: 0.22,
  SQL_PRO: 0.55,
  SQL_SERVERLESS: 0.7,
};

/** An unknown node type is priced as the default one, so every running instance costs something. */
export function instancePrice(nodeTypeId: string | undefined): InstancePrice {
  return (
    INSTANCE_PRICES[nodeTypeId ?? DEFAULT_NODE_TYPE_ID] ??
    (INSTANCE_PRICES[DEFAULT_NODE_TYPE_ID] as InstancePrice)
  );
}
