import type { V1CustomResourceDefinition } from '@kubernetes/client-node';
import { GROUP, VERSION } from '../vocabulary.js';
import { asJsonSchema, camelCaseKey, type JsonSchema } from './case-conversion.js';
import { RESOURCE_KINDS, type ResourceKind } from './resource-kinds.js';

/** Keywords that mean the same to AJV and to the apiserver's structural schemas. */
const CARRIED_KEYWORDS = new Set([
  'type',
  'description',
  'enum',
  'default',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'maxItems',
  'minItems',
  'format',
  'x-kubernetes-preserve-unknown-fields',
]);

/** The camelCase structural schema of a snake_case API schema. */
function structuralSchema(schema: JsonSchema, where = '$'): JsonSchema {
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (CARRIED_KEYWORDS.has(keyword)) out[keyword] = value;
    // An empty `properties` is left out: client-node drops it when the install applies a CRD, and
    // helm's own apply of the chart's copy would then conflict with the install's on .spec.versions.
    else if (keyword === 'properties' && Object.keys(value as object).length === 0) continue;
    else if (keyword === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([name, field]) => [
          camelCaseKey(name),
          structuralSchema(field, `${where}.${name}`),
        ]),
      );
    } else if (keyword === 'required') out.required = (value as string[]).map(camelCaseKey);
    else if (keyword === 'items') out.items = structuralSchema(value as JsonSchema, `${where}[]`);
    else if (keyword === 'additionalProperties') {
      // `false` is implied by structural schemas; a schema means a map whose keys are user data.
      if (typeof value === 'object')
        out.additionalProperties = structuralSchema(value as JsonSchema, `${where}{}`);
    } else throw new Error(`schema keyword '${keyword}' at ${where} has no structural-schema equivalent`);
  }
  return out;
}

function attachRule(schema: JsonSchema, path: string[], rule: { rule: string; message: string }): void {
  let node = schema;
  for (const name of path) {
    const next = node.properties?.[name];
    if (!next) throw new Error(`validation rule path ${path.join('.')} does not exist`);
    node = next;
  }
  const rules = (node['x-kubernetes-validations'] as object[] | undefined) ?? [];
  node['x-kubernetes-validations'] = [...rules, rule];
}

export function customResourceDefinition(kind: ResourceKind): V1CustomResourceDefinition {
  const schema: JsonSchema = {
    type: 'object',
    required: ['spec'],
    properties: {
      spec: structuralSchema(asJsonSchema(kind.spec), 'spec'),
      status: structuralSchema(asJsonSchema(kind.status), 'status'),
    },
  };
  for (const { path, rule, message } of kind.rules) attachRule(schema, path, { rule, message });
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${kind.plural}.${GROUP}` },
    spec: {
      group: GROUP,
      scope: kind.scope,
      names: {
        kind: kind.kind,
        listKind: `${kind.kind}List`,
        plural: kind.plural,
        singular: kind.singular,
        shortNames: kind.shortNames,
        categories: ['brickyard'],
      },
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: kind.printerColumns,
          schema: { openAPIV3Schema: schema as object },
        },
      ],
    },
  };
}

export function customResourceDefinitions(): V1CustomResourceDefinition[] {
  return RESOURCE_KINDS.map(customResourceDefinition);
}
