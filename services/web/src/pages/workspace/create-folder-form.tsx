import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../../ui/states';
import { mkdirs, workspaceKeys } from './workspace-api';
import { childPath, nameProblem } from './workspace-paths';

/** A new folder in `folder` (workspace/mkdirs). */
export function CreateFolderForm({ folder, onDone }: { folder: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const problem = nameProblem(name);
  const create = useMutation({
    mutationFn: () => mkdirs(childPath(folder, name.trim())),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: workspaceKeys.list(folder) });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!problem) create.mutate();
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Create folder">
      <h2>Create folder</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Folder name</label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={touched && problem !== undefined}
          aria-describedby={`${id}-hint`}
          // biome-ignore lint/a11y/noAutofocus: the form opens on the user's request, to type a name
          autoFocus
        />
        <span id={`${id}-hint`} className="hint">
          {touched && problem ? problem : `Created in ${folder}`}
        </span>
      </div>
      {create.error && <ErrorNotice error={create.error} />}
      <div className="row">
        <button type="submit" className="btn primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
