/**
 * What an audit event records of a call: request_params (its path parameters, query and JSON body
 * as a map of strings, as Databricks records them) and its answer, never a credential.
 */

/** Databricks truncates request parameters over 100 KB. */
const PARAM_LIMIT_BYTES = 100 * 1024;

/**
 * Credentials, wherever they appear: token values (and the sign-in's `token`), secret values of
 * the Secrets API, passwords, client and other secrets, private keys, Authorization.
 */
const SECRET_KEY =
  /^(authorization|token|token_value|access_token|refresh_token|id_token|session_token|personal_access_token|string_value|bytes_value)$|password|secret|private_key/i;

/** File bytes of DBFS and workspace uploads: content, not parameters, and up to 16 MB each. */
const CONTENT_KEY = /^(contents?|data)$/;

const isSecretKey = (key: string): boolean => SECRET_KEY.test(key);

const withoutSecrets = (key: string, value: unknown) => (isSecretKey(key) ? undefined : value);

function parsed(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** A value cut to `limit` UTF-8 bytes, never in the middle of a character. */
function truncated(value: string, limit = PARAM_LIMIT_BYTES): string {
  // Three bytes at most per UTF-16 unit: shorter strings cannot be over the limit.
  if (value.length * 3 <= limit || Buffer.byteLength(value) <= limit) return value;
  return Buffer.from(value)
    .subarray(0, limit)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
}

function asString(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let text: string | undefined;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value, withoutSecrets);
  } catch {
    // Not data (a request stream a route parser left in the body): nothing to record of it.
    return undefined;
  }
  return text === undefined ? undefined : truncated(text);
}

/**
 * The parameters of a call, from its path parameters, query and body (each a later source
 * overriding an earlier one of the same name); a wildcard path parameter is `path`. Bodies that
 * are not JSON objects (uploads, Thrift) add nothing.
 */
export function requestParams(...sources: unknown[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const source of sources) {
    if (!isPlainObject(source)) continue;
    for (const [key, value] of Object.entries(source)) {
      if (isSecretKey(key) || CONTENT_KEY.test(key)) continue;
      const text = asString(value);
      if (text !== undefined) params[key === '*' ? 'path' : key] = text;
    }
  }
  return params;
}

/**
 * response.result of a successful call: the plain values of its JSON answer (the id a create
 * made), never a secret; null when it has none or is no JSON object.
 */
export function responseResult(payload: string): string | null {
  const answer = parsed(payload);
  if (!isPlainObject(answer)) return null;
  const plain = Object.entries(answer).filter(
    ([key, value]) => !isSecretKey(key) && value !== null && typeof value !== 'object',
  );
  return plain.length === 0 ? null : truncated(JSON.stringify(Object.fromEntries(plain)));
}

/** response.error_message: the message of a Databricks error answer. */
export function errorMessage(payload: string): string | null {
  const answer = parsed(payload);
  const message = isPlainObject(answer) ? answer.message : undefined;
  return typeof message === 'string' ? truncated(message) : null;
}
