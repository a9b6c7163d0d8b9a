import { formatTime } from '../../ui/format';

/** The lifetimes a new token may be given, as Databricks' Generate new token dialog offers them. */

const DAY_SECONDS = 24 * 3600;

export interface LifetimeChoice {
  label: string;
  /** Absent: the token never expires. */
  seconds: number | undefined;
}

export const LIFETIME_CHOICES: readonly LifetimeChoice[] = [
  { label: '1 day', seconds: DAY_SECONDS },
  { label: '7 days', seconds: 7 * DAY_SECONDS },
  { label: '30 days', seconds: 30 * DAY_SECONDS },
  { label: '90 days', seconds: 90 * DAY_SECONDS },
  { label: '1 year', seconds: 365 * DAY_SECONDS },
  { label: 'No expiry', seconds: undefined },
];

/** Databricks' default for a token made in the UI. */
export const DEFAULT_LIFETIME = '90 days';

/** When a token stops working: "Never" for one without a lifetime. */
export function expiryText(expiryTime: number): string {
  return expiryTime <= 0 ? 'Never' : formatTime(expiryTime);
}
