import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../ui/dialog';
import { tokensKey } from './settings-api';

/** Revoke, after a confirmation: a revoked token is refused at once and cannot be restored. */
export function RevokeTokenButton({
  tokenId,
  comment,
  revoke,
}: {
  tokenId: string;
  comment: string;
  revoke: (tokenId: string) => Promise<unknown>;
}) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const mutation = useMutation({
    mutationFn: () => revoke(tokenId),
    onSuccess: async () => {
      setAsking(false);
      await queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const name = comment || tokenId;
  return (
    <>
      <button
        type="button"
        className="btn danger"
        aria-label={`Revoke ${name}`}
        onClick={() => {
          mutation.reset();
          setAsking(true);
        }}
      >
        Revoke
      </button>
      {asking && (
        <ConfirmDialog
          title="Revoke this token?"
          confirmLabel="Revoke token"
          busy={mutation.isPending}
          error={mutation.error}
          onConfirm={() => mutation.mutate()}
          onCancel={() => setAsking(false)}
        >
          <p>
            <strong>{name}</strong> stops working at once: every client that uses it is refused. This cannot
            be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
