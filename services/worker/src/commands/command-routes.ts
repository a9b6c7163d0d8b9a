import { CommandApiError, invalidParameter } from './command-api-error.js';

/**
 * The command server's routes and request bodies. The API process maps the public
 * `/api/1.2/contexts/*` and `/api/1.2/commands/*` calls (ids in query strings and bodies) onto
 * these paths on the cluster's driver pod:
 *
 *   POST   /contexts                                      {language}          -> {id}
 *   GET    /contexts/:contextId                                               -> {id, status}
 *   DELETE /contexts/:contextId                                               -> {id}
 *   POST   /contexts/:contextId/commands                  {language, command} -> {id}
 *   GET    /contexts/:contextId/commands/:commandId                           -> {id, status, results?}
 *   POST   /contexts/:contextId/commands/:commandId/cancel                    -> {id}
 */
export type Route =
  | { name: 'createContext' }
  | { name: 'getContext'; contextId: string }
  | { name: 'destroyContext'; contextId: string }
  | { name: 'execute'; contextId: string }
  | { name: 'getCommand'; contextId: string; commandId: string }
  | { name: 'cancel'; contextId: string; commandId: string };

const LANGUAGES = ['python', 'sql'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Languages of Databricks contexts that this runtime has no interpreter for. */
const UNSUPPORTED = ['scala', 'r'];

const CONTEXT = '/contexts/([^/]+)';
const COMMAND = `${CONTEXT}/commands/([^/]+)`;

function pattern(path: string): RegExp {
  return new RegExp(`^${path}$`);
}

const ROUTES: { method: string; path: RegExp; route: (ids: string[]) => Route }[] = [
  { method: 'POST', path: /^\/contexts$/, route: () => ({ name: 'createContext' }) },
  { method: 'GET', path: pattern(CONTEXT), route: ([contextId = '']) => ({ name: 'getContext', contextId }) },
  {
    method: 'DELETE',
    path: pattern(CONTEXT),
    route: ([contextId = '']) => ({ name: 'destroyContext', contextId }),
  },
  {
    method: 'POST',
    path: pattern(`${CONTEXT}/commands`),
    route: ([contextId = '']) => ({ name: 'execute', contextId }),
  },
  {
    method: 'GET',
    path: pattern(COMMAND),
    route: ([contextId = '', commandId = '']) => ({ name: 'getCommand', contextId, commandId }),
  },
  {
    method: 'POST',
    path: pattern(`${COMMAND}/cancel`),
    route: ([contextId = '', commandId = '']) => ({ name: 'cancel', contextId, commandId }),
  },
];

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Not valid percent-encoding: no context or command has such an id, which the lookup says.
    return segment;
  }
}

/** The route of a request; 404 ENDPOINT_NOT_FOUND for any other method and path. */
export function matchRoute(method: string, url: string): Route {
  const path = url.split('?')[0] ?? '';
  for (const candidate of ROUTES) {
    const match = candidate.path.exec(path);
    if (match && candidate.method === method) return candidate.route(match.slice(1).map(decoded));
  }
  throw new CommandApiError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${method} ${path}'`);
}

/** A request body as JSON: empty is `{}`, anything but an object is refused. */
export function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidParameter('The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidParameter('The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

/** `language` of a request: python or sql; absent, the fallback (a context's own language). */
export function languageOf(value: unknown, fallback: Language): Language {
  if (value === undefined || value === null) return fallback;
  const language = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (language !== undefined && (LANGUAGES as readonly string[]).includes(language)) {
    return language as Language;
  }
  if (language !== undefined && UNSUPPORTED.includes(language)) {
    throw invalidParameter(
      `The language '${value}' is not supported by this runtime: execution contexts run python or sql.`,
    );
  }
  throw invalidParameter(`Invalid language ${JSON.stringify(value)}: use one of python, sql, scala, r.`);
}

export function createContextRequest(body: Record<string, unknown>): { language: Language } {
  return { language: languageOf(body.language, 'python') };
}

export function executeRequest(
  body: Record<string, unknown>,
  contextLanguage: Language,
): { language: Language; command: string } {
  if (typeof body.command !== 'string') {
    throw invalidParameter("'command' is required: the code to run, as a string.");
  }
  return { language: languageOf(body.language, contextLanguage), command: body.command };
}
