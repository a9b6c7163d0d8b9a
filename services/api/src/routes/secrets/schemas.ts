import { EpochMillis, FreeForm, StringEnum } from '@brickyard/common/schema';
import { type TSchema, Type } from 'typebox';
import { errorResponses } from '../../errors/error-body.js';
import { PERMISSIONS } from './secret-acls.js';

/** The Secrets API's shapes (sdk-py workspace.py: CreateScope, PutSecret, AclItem, ...). */

export const Empty = Type.Object({});

export const ScopeParams = Type.Object({ scope: Type.String() });

export const CreateScopeBody = Type.Object({
  scope: Type.String(),
  initial_manage_principal: Type.Optional(Type.String()),
  /** DATABRICKS only; Azure Key Vault-backed scopes are refused. */
  scope_backend_type: Type.Optional(Type.String()),
  backend_azure_keyvault: Type.Optional(FreeForm()),
});

export const ScopeList = Type.Object({
  scopes: Type.Array(Type.Object({ name: Type.String(), backend_type: StringEnum(['DATABRICKS']) })),
});

export const SecretParams = Type.Object({ scope: Type.String(), key: Type.String() });

export const PutSecretBody = Type.Object({
  scope: Type.String(),
  key: Type.String(),
  string_value: Type.Optional(Type.String()),
  bytes_value: Type.Optional(Type.String()),
});

export const SecretList = Type.Object({
  secrets: Type.Array(Type.Object({ key: Type.String(), last_updated_timestamp: EpochMillis })),
});

/** secrets/get: the value's bytes, base64. */
export const SecretValue = Type.Object({ key: Type.String(), value: Type.String() });

export const AclItemView = Type.Object({ principal: Type.String(), permission: StringEnum(PERMISSIONS) });
export const AclParams = Type.Object({ scope: Type.String(), principal: Type.String() });
export const PutAclBody = Type.Object({
  scope: Type.String(),
  principal: Type.String(),
  permission: StringEnum(PERMISSIONS),
});
export const AclList = Type.Object({ items: Type.Array(AclItemView) });

/** The OpenAPI schema of a Secrets API route: its parts, and its 200 response. */
export function secretsSchema<R extends TSchema, P extends object>(
  summary: string,
  parts: P & { response: R; errors?: number[] },
) {
  const { response, errors = [], ...rest } = parts;
  return { tags: ['secrets'], summary, ...rest, response: { 200: response, ...errorResponses(...errors) } };
}
