import type { KubernetesObject, KubernetesObjectApi, V1OwnerReference } from '@kubernetes/client-node';
import { isAlreadyExists, isNotFound } from './api-errors.js';
import { jsonEqual } from './json-equal.js';

export type EnsureAction = 'created' | 'updated' | 'unchanged';

/** Top-level fields (besides labels and owner references) that the desired object dictates. */
export type OwnedFields = readonly string[];

function ownerKey(reference: V1OwnerReference): string {
  return reference.uid;
}

/**
 * Whether the observed object lacks something of the desired one: a label (extra labels of others
 * are fine), an owner reference, or the content of an owned field (compared as JSON).
 */
export function needsUpdate<T extends KubernetesObject>(
  observed: T,
  desired: T,
  ownedFields: OwnedFields,
): boolean {
  const labels = observed.metadata?.labels ?? {};
  const labelsMissing = Object.entries(desired.metadata?.labels ?? {}).some(
    ([key, value]) => labels[key] !== value,
  );
  const owners = new Set((observed.metadata?.ownerReferences ?? []).map(ownerKey));
  const ownersMissing = (desired.metadata?.ownerReferences ?? []).some(
    (owner) => !owners.has(ownerKey(owner)),
  );
  const fieldsDiffer = ownedFields.some(
    (field) => !jsonEqual(fieldOf(observed, field), fieldOf(desired, field)),
  );
  return labelsMissing || ownersMissing || fieldsDiffer;
}

/** The observed object (resourceVersion and all) with the desired labels, owners and owned fields. */
export function withDesired<T extends KubernetesObject>(
  observed: T,
  desired: T,
  ownedFields: OwnedFields,
): T {
  const owners = observed.metadata?.ownerReferences ?? [];
  const known = new Set(owners.map(ownerKey));
  const merged: Record<string, unknown> = {
    ...(observed as Record<string, unknown>),
    metadata: {
      ...observed.metadata,
      labels: { ...observed.metadata?.labels, ...desired.metadata?.labels },
      ownerReferences: [
        ...owners,
        ...(desired.metadata?.ownerReferences ?? []).filter((owner) => !known.has(ownerKey(owner))),
      ],
    },
  };
  for (const field of ownedFields) merged[field] = fieldOf(desired, field);
  return merged as T;
}

function fieldOf(object: KubernetesObject, field: string): unknown {
  return (object as Record<string, unknown>)[field];
}

/** Reads the object that `reference` names (apiVersion, kind, name, namespace), if it exists. */
export async function readIfExists<T extends KubernetesObject>(
  client: KubernetesObjectApi,
  reference: T,
): Promise<T | undefined> {
  try {
    return await client.read<T>(reference as T & { metadata: { name: string } });
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Observe, diff, act for one child object: create it if missing (someone else creating it first
 * counts as success), replace it if it lacks something desired, otherwise leave it alone.
 */
export async function ensureObject<T extends KubernetesObject>(
  client: KubernetesObjectApi,
  desired: T,
  ownedFields: OwnedFields,
  fieldManager: string,
): Promise<{ action: EnsureAction; object: T }> {
  let observed = await readIfExists(client, desired);
  if (!observed) {
    try {
      return { action: 'created', object: await client.create(desired, undefined, undefined, fieldManager) };
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
      observed = await client.read<T>(desired as T & { metadata: { name: string } });
    }
  }
  if (!needsUpdate(observed, desired, ownedFields)) return { action: 'unchanged', object: observed };
  const replaced = await client.replace(
    withDesired(observed, desired, ownedFields),
    undefined,
    undefined,
    fieldManager,
  );
  return { action: 'updated', object: replaced };
}

/** Deletes the object if it exists; true if there was one to delete. */
export async function deleteIfExists(
  client: KubernetesObjectApi,
  reference: KubernetesObject,
): Promise<boolean> {
  try {
    await client.delete(reference);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
