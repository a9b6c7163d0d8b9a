/**
 * A statement that Spark, or this engine on Spark's behalf, refused to run or could not finish:
 * Spark's error class and SQLSTATE when it gave them, and its message, which names both.
 * `errorCode` is the Statement Execution API's code: Databricks answers BAD_REQUEST for every
 * statement the engine refused; an engine out of reach is TEMPORARILY_UNAVAILABLE.
 */
export class SqlError extends Error {
  constructor(
    message: string,
    readonly errorClass?: string,
    readonly sqlState?: string,
    readonly errorCode = 'BAD_REQUEST',
  ) {
    super(message);
    this.name = 'SqlError';
  }

  /** An error raised by the engine itself, in Spark's message form: `[CLASS] text SQLSTATE: s`. */
  static of(errorClass: string, sqlState: string, text: string): SqlError {
    return new SqlError(`[${errorClass}] ${text} SQLSTATE: ${sqlState}`, errorClass, sqlState);
  }

  /** The engine could not be reached or stopped answering: asking again later may work. */
  static unavailable(message: string): SqlError {
    return new SqlError(message, undefined, undefined, 'TEMPORARILY_UNAVAILABLE');
  }
}
