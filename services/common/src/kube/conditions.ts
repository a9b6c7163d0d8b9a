type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A Kubernetes-style status condition as stored (camelCase). */
export interface Condition {
  type: string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
  /** RFC 3339. */
  lastTransitionTime?: string;
}

export type ConditionUpdate = Omit<Condition, 'lastTransitionTime'>;

/**
 * The conditions after an observation: each updated type takes its new status, reason and
 * message; its lastTransitionTime moves to `now` only when the status flips (cert-manager's rule),
 * so an unchanged observation yields identical conditions and no status write. Conditions of
 * other types are kept as they were.
 */
export function mergeConditions(
  previous: readonly Condition[] | undefined,
  updates: readonly ConditionUpdate[],
  now: Date,
): Condition[] {
  const before = new Map((previous ?? []).map((condition) => [condition.type, condition]));
  const updated = updates.map((update): Condition => {
    const old = before.get(update.type);
    const lastTransitionTime =
      old?.lastTransitionTime && old.status === update.status ? old.lastTransitionTime : rfc3339(now);
    return { ...update, lastTransitionTime };
  });
  const updatedTypes = new Set(updates.map((update) => update.type));
  return [...updated, ...(previous ?? []).filter((condition) => !updatedTypes.has(condition.type))];
}

/** Seconds precision, as metav1.Time serialises. */
function rfc3339(time: Date): string {
  return `${time.toISOString().slice(0, 19)}Z`;
}
