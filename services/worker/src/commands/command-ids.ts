import { randomBytes } from 'node:crypto';

/** A context id as Databricks makes them: a decimal of up to 19 digits (a random 63-bit number). */
export function newContextId(): string {
  return BigInt.asUintN(63, randomBytes(8).readBigUInt64BE()).toString();
}

/** A command id as Databricks makes them: 32 hex digits. */
export function newCommandId(): string {
  return randomBytes(16).toString('hex');
}
