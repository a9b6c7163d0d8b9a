import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { formatBytes } from '../../ui/format';
import { ErrorNotice } from '../../ui/states';
import { bytesToBase64 } from './base64';
import { importDefaults } from './import-defaults';
import type { NotebookLanguage } from './notebook-source';
import {
  IMPORT_FORMATS,
  type ImportFormat,
  importObject,
  MAX_IMPORT_BYTES,
  NOTEBOOK_LANGUAGES,
  workspaceKeys,
} from './workspace-api';
import { childPath, nameProblem } from './workspace-paths';

const FORMAT_HINTS: Record<ImportFormat, string> = {
  AUTO: 'A .py, .sql, .scala or .r file with the Databricks notebook header becomes a notebook; anything else a file.',
  SOURCE: 'The file is a notebook in source form, in the language below.',
  RAW: 'The file is imported as it is, as a workspace file.',
};

/** What the user chose, checked before anything is sent. */
function problemOf(
  file: File | undefined,
  name: string,
  format: ImportFormat,
  language: string,
): string | undefined {
  if (!file) return 'Choose a file to import';
  if (file.size > MAX_IMPORT_BYTES)
    return `The file is ${formatBytes(file.size)}; imports take at most 10 MiB`;
  if (format === 'SOURCE' && !language) return 'Choose the notebook language';
  return nameProblem(name);
}

/** A notebook or file from the user's disk into `folder` (workspace/import, base64 content). */
export function ImportForm({ folder, onDone }: { folder: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [file, setFile] = useState<File>();
  const [format, setFormat] = useState<ImportFormat>('AUTO');
  const [language, setLanguage] = useState<NotebookLanguage | ''>('');
  const [name, setName] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [problem, setProblem] = useState<string>();

  const propose = (chosen: File | undefined, chosenFormat: ImportFormat) => {
    if (!chosen) return;
    const defaults = importDefaults(chosen.name, chosenFormat);
    setName(defaults.name);
    if (defaults.language) setLanguage(defaults.language);
  };
  const upload = useMutation({
    mutationFn: async (chosen: File) =>
      importObject({
        path: childPath(folder, name.trim()),
        format,
        content: bytesToBase64(new Uint8Array(await chosen.arrayBuffer())),
        ...(format === 'SOURCE' && language ? { language } : {}),
        overwrite,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.all });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = problemOf(file, name, format, language);
    setProblem(found);
    if (!found && file) upload.mutate(file);
  };

  return (
    <form className="card stack" onSubmit={submit} aria-label="Import">
      <h2>Import into {folder}</h2>
      <div className="field">
        <label htmlFor={`${id}-file`}>File</label>
        <input
          id={`${id}-file`}
          type="file"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            setFile(chosen);
            propose(chosen, format);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-format`}>Format</label>
        <select
          id={`${id}-format`}
          value={format}
          aria-describedby={`${id}-format-hint`}
          onChange={(event) => {
            const chosen = event.target.value as ImportFormat;
            setFormat(chosen);
            propose(file, chosen);
          }}
        >
          {IMPORT_FORMATS.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        <span id={`${id}-format-hint`} className="hint">
          {FORMAT_HINTS[format]} Brickyard does not import JUPYTER or DBC archives.
        </span>
      </div>
      {format === 'SOURCE' && (
        <div className="field">
          <label htmlFor={`${id}-language`}>Language</label>
          <select
            id={`${id}-language`}
            value={language}
            onChange={(event) => setLanguage(event.target.value as NotebookLanguage | '')}
          >
            <option value="">Choose…</option>
            {NOTEBOOK_LANGUAGES.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <label className="row">
        <input type="checkbox" checked={overwrite} onChange={(event) => setOverwrite(event.target.checked)} />
        Replace an existing notebook or file of that name
      </label>
      {problem && (
        <p className="notice error" role="alert">
          {problem}
        </p>
      )}
      {upload.error && <ErrorNotice error={upload.error} />}
      <div className="row">
        <button type="submit" className="btn primary" disabled={upload.isPending}>
          {upload.isPending ? 'Importing…' : 'Import'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
