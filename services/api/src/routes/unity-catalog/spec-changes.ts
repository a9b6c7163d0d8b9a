/**
 * A stored spec with an update's changes: the fields the update sets (undefined ones are kept as
 * they are), stamped with who changed it and when. Keys are the resource's (camelCase).
 */
export function withChanges<S extends object>(
  spec: S,
  changes: { [K in keyof S]?: S[K] | undefined },
  user: string,
): S {
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  return { ...spec, ...set, updatedAt: Date.now(), updatedBy: user };
}
