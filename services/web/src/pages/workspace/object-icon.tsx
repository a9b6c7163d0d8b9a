import type { ObjectInfo } from './workspace-api';

const LANGUAGE_MARKS: Record<string, string> = { PYTHON: 'Py', SQL: 'SQL', SCALA: 'Sc', R: 'R' };

/** A small mark of an object's kind (decorative: the name and type are said in words elsewhere). */
export function ObjectIcon({ object }: { object: Pick<ObjectInfo, 'object_type' | 'language'> }) {
  if (object.object_type === 'DIRECTORY') return <span className="ws-icon folder" aria-hidden="true" />;
  if (object.object_type === 'NOTEBOOK') {
    return (
      <span className="ws-icon notebook" aria-hidden="true">
        {LANGUAGE_MARKS[object.language ?? ''] ?? 'Nb'}
      </span>
    );
  }
  return <span className="ws-icon file" aria-hidden="true" />;
}
