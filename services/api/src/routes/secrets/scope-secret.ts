import { Labels, MANAGED_BY, SecretScopeAnnotations, SecretTypes } from '@brickyard/common/vocabulary';
import type { V1Secret } from '@kubernetes/client-node';
import type { ScopeContents } from './scope-contents.js';
import { type AclItem, PERMISSIONS, type SecretPermission } from './secret-acls.js';
import { scopeSecretName } from './secret-names.js';

/** The value of Labels.role on the Secrets that are secret scopes. */
export const SECRET_SCOPE_ROLE = 'secret-scope';

function annotationsOf(contents: ScopeContents): Record<string, string> {
  return {
    [SecretScopeAnnotations.name]: contents.name,
    [SecretScopeAnnotations.acls]: JSON.stringify(contents.acls),
    [SecretScopeAnnotations.updatedAt]: JSON.stringify(contents.updatedAt),
  };
}

/** A new scope's Secret in its workspace's namespace. */
export function scopeSecret(namespace: string, workspaceId: number, contents: ScopeContents): V1Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: scopeSecretName(contents.name),
      namespace,
      labels: {
        [Labels.managedBy]: MANAGED_BY,
        [Labels.role]: SECRET_SCOPE_ROLE,
        [Labels.workspaceId]: String(workspaceId),
      },
      annotations: annotationsOf(contents),
    },
    type: SecretTypes.secretScope,
    data: { ...contents.values },
  };
}

/** The Secret holding `contents` instead of what it held (its resourceVersion kept, for the replace). */
export function withContents(secret: V1Secret, contents: ScopeContents): V1Secret {
  const annotations = { ...secret.metadata?.annotations, ...annotationsOf(contents) };
  return { ...secret, metadata: { ...secret.metadata, annotations }, data: { ...contents.values } };
}

function parsed(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? 'null');
  } catch {
    return null;
  }
}

const isPermission = (value: unknown): value is SecretPermission =>
  (PERMISSIONS as readonly unknown[]).includes(value);

/** ACLs as the annotation holds them; an entry that is not one is left out (granting nothing). */
function aclsOf(text: string | undefined): AclItem[] {
  const items = parsed(text);
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) => {
    const { principal, permission } = (item ?? {}) as Record<string, unknown>;
    return typeof principal === 'string' && isPermission(permission) ? [{ principal, permission }] : [];
  });
}

function timesOf(text: string | undefined): Record<string, number> {
  const times = parsed(text);
  if (typeof times !== 'object' || times === null || Array.isArray(times)) return {};
  return Object.fromEntries(
    Object.entries(times).filter((entry): entry is [string, number] => Number.isSafeInteger(entry[1])),
  );
}

export function contentsOf(secret: V1Secret): ScopeContents {
  const annotations = secret.metadata?.annotations ?? {};
  return {
    name: annotations[SecretScopeAnnotations.name] ?? '',
    acls: aclsOf(annotations[SecretScopeAnnotations.acls]),
    values: { ...secret.data },
    updatedAt: timesOf(annotations[SecretScopeAnnotations.updatedAt]),
  };
}
