import type { ColumnInfo } from '@brickyard/common/schema';
import { invalidParameter } from '../../errors/databricks-error.js';

/**
 * A table's columns as stored: in the order given, each with its position (0-based) and
 * nullable (true unless said otherwise), as Unity Catalog reports them. Column names are
 * case-insensitive, as in Spark, so two that differ only in case are one column given twice.
 */
export function normalizeColumns(columns: readonly ColumnInfo[]): ColumnInfo[] {
  const seen = new Set<string>();
  return columns.map((column, index) => {
    const key = column.name.toLowerCase();
    if (seen.has(key)) throw invalidParameter(`Column '${column.name}' is given more than once`);
    seen.add(key);
    return {
      ...column,
      ...(column.type_name === undefined ? {} : { type_name: column.type_name.toUpperCase() }),
      position: column.position ?? index,
      nullable: column.nullable ?? true,
    };
  });
}
