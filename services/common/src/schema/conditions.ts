import { Type } from 'typebox';
import { StringEnum } from './primitives.js';

/** A Kubernetes-style condition; snake_case here, camelCase (lastTransitionTime) in the CRD. */
export const Condition = Type.Object({
  type: Type.String(),
  status: StringEnum(['True', 'False', 'Unknown']),
  reason: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  last_transition_time: Type.Optional(Type.String({ description: 'RFC 3339' })),
});
