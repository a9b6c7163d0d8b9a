/**
 * Cluster libraries (the Libraries API), shared by the API, which keeps a cluster's requested
 * libraries in its spec and answers their statuses, and the runtime, which installs them on every
 * pod of the cluster and reports how each went (clusterLibrariesKey in vocabulary.ts).
 */

/** A library as the Libraries API and a job task's `libraries` spell it: exactly one kind. */
export type Library = Record<string, unknown>;

const LIBRARY_KINDS = ['jar', 'egg', 'whl', 'pypi', 'maven', 'cran', 'requirements'] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];

export const LIBRARY_STATUSES = [
  'PENDING',
  'RESOLVING',
  'INSTALLING',
  'INSTALLED',
  'FAILED',
  'SKIPPED',
  'UNINSTALL_ON_RESTART',
  'RESTORED',
] as const;
export type LibraryStatus = (typeof LIBRARY_STATUSES)[number];

/** How one library went on one pod. */
export interface NodeLibraryStatus {
  status: LibraryStatus;
  messages?: string[];
}

/**
 * What a pod publishes: the status of every library it was asked for, by libraryKey, and when it
 * last published (it republishes every few seconds, so a report that stopped is a pod that left).
 */
export interface NodeLibraryReport {
  updated_at: number;
  libraries: Record<string, NodeLibraryStatus>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** What is wrong with a library, or undefined if nothing: the kinds and fields Databricks requires. */
export function libraryProblem(library: unknown): string | undefined {
  if (!isObject(library)) return 'Each library must be an object';
  const kinds = LIBRARY_KINDS.filter((kind) => library[kind] !== undefined);
  if (kinds.length !== 1) {
    return `A library must set exactly one of ${LIBRARY_KINDS.join(', ')}; got ${kinds.length === 0 ? 'none' : kinds.join(', ')}`;
  }
  const kind = kinds[0] as LibraryKind;
  const value = library[kind];
  switch (kind) {
    case 'pypi':
    case 'cran':
      return isObject(value) && nonEmptyString(value.package) ? undefined : `${kind}.package is required`;
    case 'maven':
      return isObject(value) && nonEmptyString(value.coordinates)
        ? undefined
        : 'maven.coordinates is required';
    default:
      return nonEmptyString(value) ? undefined : `${kind} must be a non-empty path`;
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key])]),
  );
}

/** A library's identity: the same library spelled with its keys in another order is the same. */
export function libraryKey(library: Library): string {
  return JSON.stringify(canonical(library));
}

/** The kind of a valid library (libraryProblem says it has exactly one). */
export function libraryKind(library: Library): LibraryKind {
  return LIBRARY_KINDS.find((kind) => library[kind] !== undefined) as LibraryKind;
}
