import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../ui/dialog';
import { ErrorNotice } from '../../ui/states';
import { deleteObject, type ObjectInfo, workspaceKeys } from './workspace-api';
import { baseName } from './workspace-paths';

/** Deletes a notebook, file or folder (with everything in it) after asking. */
export function DeleteObjectButton({
  object,
  onDeleted,
}: {
  object: Pick<ObjectInfo, 'path' | 'object_type'>;
  onDeleted?: () => void;
}) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const name = baseName(object.path);
  const isFolder = object.object_type === 'DIRECTORY';
  const remove = useMutation({
    mutationFn: () => deleteObject(object.path, isFolder),
    onSuccess: () => {
      setAsking(false);
      // Gone: its own queries are dropped (not refetched into a 404) before the page moves on.
      queryClient.removeQueries({
        predicate: (query) => query.queryKey[0] === 'workspace' && query.queryKey[2] === object.path,
      });
      onDeleted?.();
      return queryClient.invalidateQueries({ queryKey: workspaceKeys.lists });
    },
  });
  return (
    <>
      <button
        type="button"
        className="btn danger"
        aria-label={`Delete ${name}`}
        onClick={() => setAsking(true)}
      >
        Delete
      </button>
      {asking && (
        <ConfirmDialog
          title={`Delete ${name}?`}
          confirmLabel="Delete"
          busy={remove.isPending}
          onConfirm={() => remove.mutate()}
          onCancel={() => {
            setAsking(false);
            remove.reset();
          }}
        >
          <p>
            {isFolder ? 'The folder and everything in it' : 'It'} will be deleted from{' '}
            <code>{object.path}</code>. This cannot be undone.
          </p>
          {remove.error && <ErrorNotice error={remove.error} />}
        </ConfirmDialog>
      )}
    </>
  );
}
