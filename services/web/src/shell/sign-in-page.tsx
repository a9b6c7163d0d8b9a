import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { signIn } from '../rest/session';
import { ErrorNotice } from '../ui/states';

/** Sign-in with a personal access token (the one `make up` writes to .brickyard/env, or a user's own). */
export function SignInPage({ reason }: { reason: string | undefined }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await signIn(token.trim());
      queryClient.setQueryData(['session'], session);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in card">
      <h1>Sign in to Brickyard</h1>
      {reason && (
        <p className="notice error" role="alert">
          You were signed out: {reason}
        </p>
      )}
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor="token">Personal access token</label>
          <input
            id="token"
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(event) => setToken(event.target.value)}
            required
          />
          <span className="hint">DATABRICKS_TOKEN in .brickyard/env, or a token from User settings.</span>
        </div>
        {error !== undefined && <ErrorNotice error={error} />}
        <div>
          <button className="btn primary" type="submit" disabled={busy || !token.trim()}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </main>
  );
}
