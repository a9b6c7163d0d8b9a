import { toneOf } from './state-tone';

export function StateBadge({ state }: { state: string | undefined }) {
  const label = state ?? 'UNKNOWN';
  return <span className={`badge tone-${toneOf(state)}`}>{label}</span>;
}
