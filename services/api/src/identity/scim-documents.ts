import { ENTITLEMENTS } from '@brickyard/common/schema';
import { invalidParameter } from '../errors/databricks-error.js';

/**
 * Reading a SCIM document (a create or replace body, or a resource after PATCH) into the fields
 * Brickyard stores: each reader checks its attribute's type, so a PATCH cannot store garbage.
 */

type ScimObject = Record<string, unknown>;

export function optionalString(doc: ScimObject, attribute: string): string | undefined {
  const value = doc[attribute];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameter(`${attribute} must be a string`);
  return value;
}

export function requiredString(doc: ScimObject, attribute: string): string {
  const value = optionalString(doc, attribute);
  if (!value) throw invalidParameter(`${attribute} is required`);
  return value;
}

export function activeOf(doc: ScimObject): boolean {
  const value = doc.active;
  if (value === undefined || value === null) return true;
  // SCIM clients send booleans, and some (Azure AD provisioning among them) the strings.
  if (value === 'true' || value === 'false') return value === 'true';
  if (typeof value !== 'boolean') throw invalidParameter('active must be a boolean');
  return value;
}

function objectArray(doc: ScimObject, attribute: string): ScimObject[] | undefined {
  const value = doc[attribute];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'object' || item === null)) {
    throw invalidParameter(`${attribute} must be a list of objects`);
  }
  return value as ScimObject[];
}

type Entitlement = { value: (typeof ENTITLEMENTS)[number] };

export function entitlementsOf(doc: ScimObject): Entitlement[] | undefined {
  const entries = objectArray(doc, 'entitlements');
  return entries?.map((entry) => {
    const value = entry.value;
    if (!ENTITLEMENTS.includes(value as Entitlement['value'])) {
      throw invalidParameter(`Unknown entitlement ${String(value)}; known: ${ENTITLEMENTS.join(', ')}`);
    }
    return { value: value as Entitlement['value'] };
  });
}

/** Ids of `[{value: id}]` lists: group members, or the groups a new user joins. */
export function referencedIds(doc: ScimObject, attribute: string): string[] | undefined {
  return objectArray(doc, attribute)?.map((entry) => {
    const value = entry.value;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw invalidParameter(`Every entry of ${attribute} needs a value (an id)`);
    }
    return String(value);
  });
}

export function emailsOf(doc: ScimObject) {
  return objectArray(doc, 'emails')?.map((entry) => ({
    value: requiredString(entry, 'value'),
    ...(typeof entry.type === 'string' ? { type: entry.type } : {}),
    ...(typeof entry.primary === 'boolean' ? { primary: entry.primary } : {}),
  }));
}

export function nameOf(doc: ScimObject) {
  const name = doc.name;
  if (name === undefined || name === null) return undefined;
  if (typeof name !== 'object') throw invalidParameter('name must be an object');
  const { givenName, familyName } = name as ScimObject;
  return {
    ...(typeof givenName === 'string' ? { givenName } : {}),
    ...(typeof familyName === 'string' ? { familyName } : {}),
  };
}

type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops undefined values, which the apiserver would otherwise store as nulls. */
export function defined<T extends object>(fields: T): Defined<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Defined<T>;
}
