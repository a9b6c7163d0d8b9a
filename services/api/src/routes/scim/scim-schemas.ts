import { Type } from 'typebox';

/** A SCIM resource or document: SCIM's attributes are many and extensible, so kept open here. */
export const ScimObject = Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  additionalProperties: true,
});

export const ScimListQuery = Type.Object({
  filter: Type.Optional(Type.String({ maxLength: 4096 })),
  attributes: Type.Optional(Type.String()),
  excludedAttributes: Type.Optional(Type.String()),
  // Bounded: a larger index would be echoed back as a float (3.2e+23), no longer an integer.
  startIndex: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  count: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  sortBy: Type.Optional(Type.String()),
  sortOrder: Type.Optional(Type.Union([Type.Literal('ascending'), Type.Literal('descending')])),
});

export const ScimListResponse = Type.Object({
  schemas: Type.Array(Type.String()),
  totalResults: Type.Integer(),
  startIndex: Type.Integer(),
  itemsPerPage: Type.Integer(),
  Resources: Type.Array(ScimObject),
});

export const ScimIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,20}$' }) });

const PatchOperation = Type.Object({
  op: Type.String({ pattern: '^([Aa]dd|[Rr]emove|[Rr]eplace)$' }),
  path: Type.Optional(Type.String()),
  value: Type.Optional(Type.Unknown()),
});

export const ScimPatchBody = Type.Object({
  schemas: Type.Optional(Type.Array(Type.String())),
  Operations: Type.Array(PatchOperation, { minItems: 1 }),
});

/** The answer of PATCH and DELETE: 204, no body. */
export const NoContent = Type.Null({ description: 'No content' });
