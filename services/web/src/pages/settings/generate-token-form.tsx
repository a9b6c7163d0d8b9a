import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../../ui/states';
import { type CreatedToken, createToken, tokensKey } from './settings-api';
import { DEFAULT_LIFETIME, LIFETIME_CHOICES } from './token-lifetime';

/** A new personal access token for the signed-in user: what it is for, and how long it lives. */
export function GenerateTokenForm({
  onCreated,
  onClose,
}: {
  onCreated: (token: CreatedToken) => void;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [lifetime, setLifetime] = useState(DEFAULT_LIFETIME);
  const generate = useMutation({
    mutationFn: () => {
      const seconds = LIFETIME_CHOICES.find((choice) => choice.label === lifetime)?.seconds;
      return createToken({
        comment: comment.trim(),
        ...(seconds !== undefined && { lifetime_seconds: seconds }),
      });
    },
    onSuccess: async (created) => {
      onCreated(created);
      await queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    generate.mutate();
  };
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="generate-token-heading">
      <h2 id="generate-token-heading">Generate new token</h2>
      <div className="field">
        <label htmlFor="token-comment">Comment</label>
        <input
          id="token-comment"
          value={comment}
          maxLength={1000}
          onChange={(event) => setComment(event.target.value)}
          aria-describedby="token-comment-hint"
        />
        <span className="hint" id="token-comment-hint">
          What the token is for, to tell it apart later.
        </span>
      </div>
      <div className="field">
        <label htmlFor="token-lifetime">Lifetime</label>
        <select id="token-lifetime" value={lifetime} onChange={(event) => setLifetime(event.target.value)}>
          {LIFETIME_CHOICES.map((choice) => (
            <option key={choice.label} value={choice.label}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      {generate.error && <ErrorNotice error={generate.error} />}
      <div className="row">
        <button type="submit" className="btn primary" disabled={generate.isPending}>
          {generate.isPending ? 'Generating…' : 'Generate'}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
