/**
 * The Catalog section's URLs ('/catalog/<catalog>/<schema>/<table>', '/catalog/dbfs/<path>') and
 * the three-level names SQL statements address tables by.
 */

const SECTION = '/catalog';

const encode = (names: string[]) => names.map(encodeURIComponent).join('/');

/** The page of a catalog, a schema or a table, by its names from the catalog down. */
export function catalogUrl(...names: string[]): string {
  return names.length === 0 ? SECTION : `${SECTION}/${encode(names)}`;
}

/** A DBFS path's page: '/' is the DBFS root. */
export function dbfsUrl(path: string): string {
  const segments = dbfsSegments(path);
  return segments.length === 0 ? `${SECTION}/dbfs` : `${SECTION}/dbfs/${encode(segments)}`;
}

/** The DBFS path a route's splat names, without the dbfs: scheme: '/FileStore/a.csv'. */
export function dbfsPathOfSplat(splat: string | undefined): string {
  return `/${dbfsSegments(splat ?? '').join('/')}`;
}

export function dbfsSegments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** Every directory from the DBFS root down to the path, for breadcrumbs. */
export function dbfsAncestors(path: string): { path: string; name: string }[] {
  const segments = dbfsSegments(path);
  return [
    { path: '/', name: 'DBFS' },
    ...segments.map((name, index) => ({ path: `/${segments.slice(0, index + 1).join('/')}`, name })),
  ];
}

/** A name as a Spark SQL identifier: in backticks, a backtick in it doubled. */
export function quoteIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** catalog.schema.table as SQL, each part quoted. */
export function qualifiedName(catalog: string, schema: string, table: string): string {
  return [catalog, schema, table].map(quoteIdentifier).join('.');
}
