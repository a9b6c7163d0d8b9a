/**
 * Whether a statement can leave its Spark session changed for the statements after it (USE, SET,
 * temporary views and functions, variables, scripts...). A session that ran only statements that
 * cannot is as good as a new one with the same namespace, so it may run the next statement. The
 * test is on the statement's leading keywords, and errs towards "can": a statement not known to
 * leave the session as it was gets a session of its own.
 */

/** Statements that read or change data and objects of the catalogs, never the session. */
const SESSION_NEUTRAL = new Set([
  'SELECT',
  'WITH',
  'VALUES',
  'FROM',
  'TABLE',
  'SHOW',
  'DESCRIBE',
  'DESC',
  'EXPLAIN',
  'INSERT',
  'MERGE',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'OPTIMIZE',
  'VACUUM',
  'ANALYZE',
  'COMMENT',
  'GRANT',
  'REVOKE',
  'MSCK',
  'REFRESH',
]);

/** Object DDL: neutral unless the object is TEMP/TEMPORARY, which lives in the session. */
const OBJECT_DDL = new Set(['CREATE', 'REPLACE', 'ALTER', 'DROP']);
/** Words of a DDL statement's head up to the object's kind, where TEMPORARY would be. */
const DDL_HEAD_WORDS = 6;

/** The statement without what Spark ignores at its start: blanks, comments and opening parentheses. */
function skipLeadingNoise(sql: string): string {
  let rest = sql;
  for (;;) {
    const trimmed = rest.replace(/^[\s(]+/, '');
    if (trimmed.startsWith('--')) {
      const newline = trimmed.indexOf('\n');
      rest = newline === -1 ? '' : trimmed.slice(newline + 1);
    } else if (trimmed.startsWith('/*')) {
      const end = trimmed.indexOf('*/');
      rest = end === -1 ? '' : trimmed.slice(end + 2);
    } else {
      return trimmed;
    }
  }
}

/** True when running `sql` cannot change the session it runs in, as far as its text tells. */
export function leavesSessionUnchanged(sql: string): boolean {
  // Several statements (or a script) in one: whatever follows the first is not looked at.
  if (/;\s*\S/.test(sql)) return false;
  const words = skipLeadingNoise(sql)
    .split(/[^A-Za-z_]+/, DDL_HEAD_WORDS)
    .map((word) => word.toUpperCase());
  const [first = ''] = words;
  if (SESSION_NEUTRAL.has(first)) return true;
  if (!OBJECT_DDL.has(first)) return false;
  return !words.includes('TEMP') && !words.includes('TEMPORARY');
}
