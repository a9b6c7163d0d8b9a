import { randomBytes } from 'node:crypto';

/** A warehouse id in the Databricks form, 16 hex digits, which is also a valid Kubernetes object name. */
export function newWarehouseId(random: (size: number) => Buffer = randomBytes): string {
  return random(8).toString('hex');
}
