import type { NotebookLanguage } from './notebook-source';
import type { ImportFormat } from './workspace-api';

const LANGUAGE_OF_EXTENSION: Record<string, NotebookLanguage> = {
  py: 'PYTHON',
  sql: 'SQL',
  scala: 'SCALA',
  r: 'R',
};

/**
 * What the import form proposes for a chosen file: the notebook language its extension says, and
 * the name to import it as. SOURCE names the notebook itself, so the extension goes; AUTO keeps
 * it (the API drops it when it finds a notebook) and RAW writes a file under the name as it is.
 */
export function importDefaults(
  fileName: string,
  format: ImportFormat,
): { name: string; language: NotebookLanguage | undefined } {
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const language = LANGUAGE_OF_EXTENSION[extension];
  const name = format === 'SOURCE' && language ? fileName.slice(0, dot) : fileName;
  return { name, language };
}
