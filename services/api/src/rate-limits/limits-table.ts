/**
 * Databricks' per-endpoint API rate limits, as the "API rate limits" section of
 * https://docs.databricks.com/aws/en/resources/limits lists them (read through the api-evangelist
 * transcription of that page, databricks-asset-bundles-rate-limits.yml, current as of
 * 2026-09-02). Rows marked (Azure) come from the Azure Databricks page's transcription
 * (learn.microsoft.com/azure/databricks/resources/limits, azure-databricks-rate-limits.yml), which
 * its author marks unverified; rows marked (Brickyard) are not published and are our own choice.
 * Databricks counts per workspace; Brickyard counts per token in each workspace (per IP without a
 * token), so that one client's flood does not starve the others.
 */

const READS = ['GET', 'HEAD'];
const ANY = undefined;

/** Every family's routes are under /api/2.x/; the table matches what follows. */
const API_PREFIX = /^\/api\/2\.\d\//;

/**
 * A family of endpoints that share one budget: its name, its methods (any when undefined), the
 * route URL templates it covers (after the prefix), and `requests` per `seconds`.
 */
type Family = [
  name: string,
  methods: readonly string[] | undefined,
  path: RegExp,
  requests: number,
  seconds: number,
];

/** The first family that matches a route is its family: the narrow ones come first. */
const FAMILIES: readonly Family[] = [
  ['jobs runs/get', READS, /^jobs\/runs\/get$/, 100, 1],
  ['jobs runs/submit', ANY, /^jobs\/runs\/submit$/, 35, 1], // (Azure)
  ['jobs update and delete', ANY, /^jobs\/(update|delete)$/, 10, 1],
  // Documented for create, get, list, reset and run-now; the other jobs endpoints share it.
  ['jobs', ANY, /^jobs\//, 20, 1],
  // (Brickyard) Not published; "tens of requests per second", as the Jobs API.
  ['clusters', ANY, /^clusters\//, 20, 1],
  ['dbfs', ANY, /^dbfs\//, 30, 1],
  ['secrets', ANY, /^secrets\//, 1100, 60],
  ['workspace export', ANY, /^workspace\/export$/, 60, 1],
  ['workspace import', ANY, /^workspace\/import$/, 30, 1],
  ['workspace list', ANY, /^workspace\/list$/, 50, 1],
  ['workspace delete', ANY, /^workspace\/delete$/, 2, 1],
  ['SCIM reads', READS, /^preview\/scim\/v2\//, 255, 60],
  ['permissions reads', READS, /^permissions\//, 100, 1], // (Azure)
  ['permissions updates', ['PUT', 'PATCH'], /^permissions\//, 30, 1], // (Azure)
  ['token management', ANY, /^token-management\//, 40, 1], // (Azure)
  // (Brickyard) The web workspace's sign-in is public, so it counts by IP: guessing tokens stays slow.
  ['web sign-in', ['POST'], /^brickyard\/web-session\/?$/, 10, 1],
];

/** The budget of one route, scaled: at most `max` requests in each window of `windowSeconds`. */
export interface RateLimit {
  family: string;
  max: number;
  windowSeconds: number;
}

function familyOf(method: string, url: string): Family | undefined {
  const prefix = API_PREFIX.exec(url);
  if (!prefix) return undefined;
  const rest = url.slice(prefix[0].length);
  return FAMILIES.find(([, methods, path]) => (methods?.includes(method) ?? true) && path.test(rest));
}

function scaled([family, , , requests, seconds]: Family, multiplier: number): RateLimit {
  return { family, max: Math.max(1, Math.round(requests * multiplier)), windowSeconds: seconds };
}

/**
 * The limit of each route (`undefined`: not limited), with Databricks' figures times `multiplier`
 * (never below one request), remembered per route since every request asks.
 */
export function rateLimitTable(
  multiplier: number,
): (method: string, url: string | undefined) => RateLimit | undefined {
  const known = new Map<string, RateLimit | undefined>();
  return (method, url) => {
    if (url === undefined) return undefined;
    const key = `${method} ${url}`;
    if (known.has(key)) return known.get(key);
    const family = familyOf(method, url);
    const limit = family && scaled(family, multiplier);
    known.set(key, limit);
    return limit;
  };
}
