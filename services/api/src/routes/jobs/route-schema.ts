/** The OpenAPI schema of a Jobs API POST; `hidden` keeps an older version prefix out of the document. */
export function jobsPostSchema<B extends object, R extends object>(
  hidden: boolean | undefined,
  summary: string,
  body: B,
  response: R,
) {
  return { tags: ['jobs'], summary, hide: hidden ?? false, body, response: { 200: response } };
}

/** The OpenAPI schema of a Jobs API GET, its parameters in the query string. */
export function jobsGetSchema<Q extends object, R extends object>(
  hidden: boolean | undefined,
  summary: string,
  querystring: Q,
  response: R,
) {
  return { tags: ['jobs'], summary, hide: hidden ?? false, querystring, response: { 200: response } };
}
