import TCLIService from '@databricks/sql/thrift/TCLIService.js';
import ttypes from '@databricks/sql/thrift/TCLIService_types.js';

/**
 * Databricks' extended TCLIService (HiveServer2's Thrift service plus the Spark and DBSQL fields:
 * Arrow batches, direct results, parameters), as the code generated from its IDL that npm
 * `@databricks/sql` ships: the message types, and the Processor that dispatches a call to a
 * handler by name. The one place this endpoint names that package.
 */
export { TCLIService, ttypes };
