import { StringEnum } from '@brickyard/common/schema';
import { Type } from 'typebox';

/**
 * The Command Execution API's requests and answers (databricks-sdk compute.py CommandExecutionAPI).
 * `language` is not an enum here: the runtime on the driver says which languages it runs.
 */

const clusterId = Type.String({ minLength: 1, description: 'a running cluster of the workspace' });
const contextId = Type.String({ minLength: 1, description: 'an execution context of that cluster' });
const commandId = Type.String({ minLength: 1, description: 'a command of that context' });
const language = Type.String({ description: 'python, sql, scala or r' });

export const CreateContext = Type.Object({ clusterId, language: Type.Optional(language) });
export const ContextRef = Type.Object({ clusterId, contextId });
export const Execute = Type.Object({
  clusterId,
  contextId,
  language: Type.Optional(language),
  command: Type.Optional(Type.String({ description: 'the code to run' })),
});
export const CommandRef = Type.Object({ clusterId, contextId, commandId });

export const Created = Type.Object({ id: Type.String() });

export const ContextStatus = Type.Object({
  id: Type.String(),
  status: StringEnum(['Pending', 'Running', 'Error']),
});

const Results = Type.Object(
  {
    resultType: Type.Optional(StringEnum(['error', 'image', 'images', 'table', 'text'])),
    data: Type.Optional(Type.Unknown({ description: 'the text, or the rows of a table' })),
    schema: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
    truncated: Type.Optional(Type.Boolean()),
    summary: Type.Optional(Type.String({ description: 'the error, in one line' })),
    cause: Type.Optional(Type.String({ description: 'the error with its traceback' })),
  },
  { additionalProperties: true },
);

export const CommandStatus = Type.Object({
  id: Type.String(),
  status: StringEnum(['Queued', 'Running', 'Cancelling', 'Finished', 'Cancelled', 'Error']),
  results: Type.Optional(Results),
});
