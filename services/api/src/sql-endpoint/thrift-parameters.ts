import type { TSparkParameter } from '@databricks/sql/thrift/TCLIService_types.js';
import type { StatementParameter } from '../sql-engine/sql-parameters.js';

/**
 * The native parameters of TExecuteStatementReq (protocol V8) as the SQL engine binds them: a
 * name for `:name` markers (none for `?`), the value as text, the SQL type the client names. The
 * Python connector sends every value as text; VOID is its NULL of no type, bound as a NULL STRING.
 * ARRAY, MAP and STRUCT values come as `arguments`, which the engine cannot bind: they keep
 * their type and are refused by it.
 */
export function statementParameters(
  parameters: readonly TSparkParameter[] | undefined,
): StatementParameter[] {
  return (parameters ?? []).map((parameter) => {
    const type = parameter.type?.trim();
    const isVoid = type?.toUpperCase() === 'VOID';
    const { stringValue, doubleValue, booleanValue } = parameter.value ?? {};
    let value: string | null = null;
    if (!isVoid && typeof stringValue === 'string') value = stringValue;
    else if (!isVoid && typeof doubleValue === 'number') value = String(doubleValue);
    else if (!isVoid && typeof booleanValue === 'boolean') value = String(booleanValue);
    return {
      ...(parameter.name && { name: parameter.name }),
      ...(type && !isVoid && { type }),
      value,
    };
  });
}
