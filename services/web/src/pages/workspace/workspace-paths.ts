/**
 * Workspace paths ('/Users/a@b.c/etl') and the app's URLs for them ('/workspace/Users/a%40b.c/etl'):
 * each segment is encoded on its own, so a name may hold any character but '/'.
 */

const SECTION = '/workspace';

/** The app's URL of a workspace path; '/' is the section itself. */
export function workspaceUrl(path: string): string {
  const segments = segmentsOf(path);
  return segments.length === 0 ? SECTION : `${SECTION}/${segments.map(encodeURIComponent).join('/')}`;
}

/** The workspace path a route's splat (already decoded by the router) names. */
export function pathOfSplat(splat: string | undefined): string {
  return `/${segmentsOf(splat ?? '').join('/')}`;
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** The last segment of a path: its name ('' for the root). */
export function baseName(path: string): string {
  return segmentsOf(path).at(-1) ?? '';
}

/** The folder a path is in ('/' for the root and its children). */
export function parentOf(path: string): string {
  return `/${segmentsOf(path).slice(0, -1).join('/')}`;
}

export function childPath(folder: string, name: string): string {
  return `/${[...segmentsOf(folder), name].join('/')}`;
}

/** Whether a path is the folder itself or anything in it. */
export function isWithin(path: string, folder: string): boolean {
  return folder === '/' || path === folder || path.startsWith(`${folder}/`);
}

/** The user's home folder, as Databricks provisions it. */
export function homeFolderOf(userName: string): string {
  return `/Users/${userName}`;
}

/** Every folder from the root down to the path itself, each with its name ('Workspace' for the root). */
export function ancestorsOf(path: string): { path: string; name: string }[] {
  const segments = segmentsOf(path);
  return [
    { path: '/', name: 'Workspace' },
    ...segments.map((name, index) => ({ path: `/${segments.slice(0, index + 1).join('/')}`, name })),
  ];
}

/** The folders above a path, as a page's breadcrumbs back up. */
export function crumbsOf(path: string): { label: string; to: string }[] {
  return ancestorsOf(path)
    .slice(0, -1)
    .map((folder) => ({ label: folder.name, to: workspaceUrl(folder.path) }));
}

/** A name a user typed for a new folder or object: one segment, not '.' or '..'. */
export function nameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a name';
  if (trimmed.includes('/')) return 'A name cannot contain "/"';
  if (trimmed === '.' || trimmed === '..') return 'A name cannot be "." or ".."';
  return undefined;
}
