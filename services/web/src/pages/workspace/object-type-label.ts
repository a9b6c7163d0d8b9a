import type { ObjectInfo } from './workspace-api';

const LANGUAGE_NAMES: Record<string, string> = { PYTHON: 'Python', SQL: 'SQL', SCALA: 'Scala', R: 'R' };

/** An object's type in words: 'Folder', 'Notebook (Python)', 'File'. */
export function objectTypeLabel(object: Pick<ObjectInfo, 'object_type' | 'language'>): string {
  switch (object.object_type) {
    case 'DIRECTORY':
      return 'Folder';
    case 'NOTEBOOK':
      return object.language
        ? `Notebook (${LANGUAGE_NAMES[object.language] ?? object.language})`
        : 'Notebook';
    case 'FILE':
      return 'File';
    default:
      return object.object_type.charAt(0) + object.object_type.slice(1).toLowerCase();
  }
}

/** The name an exported object is saved under: a notebook gets its language's extension. */
export function exportFileName(
  name: string,
  objectType: ObjectInfo['object_type'],
  fileType: string,
): string {
  return objectType === 'NOTEBOOK' && fileType ? `${name}.${fileType}` : name;
}
