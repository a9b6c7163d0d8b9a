import type { QueryAttributes, QuerySpec } from '@brickyard/common/schema';
import { DatabricksError, invalidParameter } from '../../../errors/databricks-error.js';

/**
 * The Queries API's writes as pure functions: what a create makes, how update_mask applies a
 * change, and how display names stay unique among a folder's live queries (or, with
 * auto_resolve_display_name, are made so with a " (n)" suffix).
 */

/** Fields update_mask may name: everything a client sets of a query. */
const UPDATABLE_FIELDS = [
  'display_name',
  'query_text',
  'warehouse_id',
  'catalog',
  'schema',
  'description',
  'parameters',
  'tags',
  'apply_auto_limit',
  'run_as_mode',
  'owner_user_name',
] as const satisfies readonly (keyof QueryAttributes)[];

type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

/** The fields an update_mask names: comma-separated, `*` for all of them. */
export function maskedFields(updateMask: string): UpdatableField[] {
  const names = updateMask
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw invalidParameter('update_mask must name at least one field');
  if (names.includes('*')) return [...UPDATABLE_FIELDS];
  const unknown = names.filter((name) => !(UPDATABLE_FIELDS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw invalidParameter(
      `update_mask names fields a query does not have or that cannot be updated: ${unknown.join(', ')}`,
    );
  }
  return names as UpdatableField[];
}

function requireDisplayName(name: string | undefined): string {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') throw invalidParameter('display_name must be a non-empty string');
  return name as string;
}

/** A new query's spec: what the client set, owned by the caller, ACTIVE. */
export function createdQuerySpec(attributes: QueryAttributes, caller: string, now: Date): QuerySpec {
  const time = now.toISOString();
  return {
    ...attributes,
    display_name: requireDisplayName(attributes.display_name),
    query_text: attributes.query_text ?? '',
    owner_user_name: attributes.owner_user_name ?? caller,
    last_modifier_user_name: caller,
    lifecycle_state: 'ACTIVE',
    create_time: time,
    update_time: time,
  };
}

/** The spec after an update: the masked fields take the change's values (absent ones are cleared). */
export function updatedQuerySpec(
  current: QuerySpec,
  change: QueryAttributes,
  fields: readonly UpdatableField[],
  caller: string,
  now: Date,
): QuerySpec {
  const next: Record<string, unknown> = { ...current };
  for (const field of fields) {
    if (change[field] === undefined) delete next[field];
    else next[field] = change[field];
  }
  const spec = next as QuerySpec;
  return {
    ...spec,
    display_name: requireDisplayName(spec.display_name),
    query_text: spec.query_text ?? '',
    owner_user_name: spec.owner_user_name ?? current.owner_user_name,
    last_modifier_user_name: caller,
    update_time: now.toISOString(),
  };
}

/**
 * The display name a query gets among the names `taken` in its folder: its own if free; with
 * autoResolve the first free "name (n)"; otherwise a conflict is refused.
 */
export function resolveDisplayName(name: string, taken: ReadonlySet<string>, autoResolve: boolean): string {
  if (!taken.has(name)) return name;
  if (!autoResolve) {
    throw new DatabricksError(
      409,
      'RESOURCE_ALREADY_EXISTS',
      `A query named '${name}' already exists; choose another display_name or set auto_resolve_display_name`,
    );
  }
  for (let n = 1; ; n++) {
    const candidate = `${name} (${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}
