import { get, post } from '../../rest/client';
import type { NotebookLanguage } from './notebook-source';

/** A workspace object, as workspace/list and workspace/get-status describe it (ObjectInfo). */
export interface ObjectInfo {
  object_type: 'NOTEBOOK' | 'DIRECTORY' | 'FILE' | 'LIBRARY' | 'REPO' | 'DASHBOARD';
  path: string;
  language?: NotebookLanguage;
  object_id: number;
  modified_at?: number;
  size?: number;
}

/** The import formats Brickyard's workspace/import accepts (it refuses JUPYTER, DBC, HTML). */
export const IMPORT_FORMATS = ['AUTO', 'SOURCE', 'RAW'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const NOTEBOOK_LANGUAGES: readonly NotebookLanguage[] = ['PYTHON', 'SQL', 'SCALA', 'R'];

/** workspace/import takes at most 10 MB of content. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export interface ImportRequest {
  path: string;
  format: ImportFormat;
  content: string;
  language?: NotebookLanguage;
  overwrite: boolean;
}

const WORKSPACE = '/api/2.0/workspace';

export const listObjects = async (path: string) =>
  (await get<{ objects?: ObjectInfo[] }>(`${WORKSPACE}/list`, { path })).objects ?? [];

export const getStatus = (path: string) => get<ObjectInfo>(`${WORKSPACE}/get-status`, { path });

/** A notebook in SOURCE form, or a file's bytes, base64-encoded; file_type is 'py', 'sql', ... */
export const exportObject = (path: string) =>
  get<{ content: string; file_type: string }>(`${WORKSPACE}/export`, { path, format: 'SOURCE' });

export const importObject = (request: ImportRequest) =>
  post<Record<string, never>>(`${WORKSPACE}/import`, request);

export const mkdirs = (path: string) => post<Record<string, never>>(`${WORKSPACE}/mkdirs`, { path });

export const deleteObject = (path: string, recursive: boolean) =>
  post<Record<string, never>>(`${WORKSPACE}/delete`, { path, recursive });

/** Query keys: a folder's listing and an object's status, invalidated together after a change. */
export const workspaceKeys = {
  all: ['workspace'] as const,
  lists: ['workspace', 'list'] as const,
  list: (path: string) => ['workspace', 'list', path] as const,
  status: (path: string) => ['workspace', 'status', path] as const,
  /** A notebook's cells, and a file's text: both read through workspace/export. */
  cells: (path: string) => ['workspace', 'cells', path] as const,
  text: (path: string) => ['workspace', 'text', path] as const,
};
