import { useEffect, useRef, useState } from 'react';
import type { CreatedToken } from './settings-api';

type CopyState = 'idle' | 'copied' | 'failed';

/** The new token's value, shown this once: the API never returns it again. */
export function NewTokenNotice({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const valueRef = useRef<HTMLInputElement>(null);
  // The value and its warning are read out first: focus goes to them when they appear.
  useEffect(() => valueRef.current?.focus(), []);
  const copyValue = async () => {
    try {
      await navigator.clipboard.writeText(token.token_value);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <section className="card new-token" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">Your new token</h2>
      <p className="notice warning" id="new-token-warning">
        Copy the token now and keep it somewhere safe: it is not shown again. Anyone who has it can act as
        you.
      </p>
      <div className="field">
        <label htmlFor="new-token-value">Token value</label>
        <div className="row">
          <input
            ref={valueRef}
            id="new-token-value"
            aria-describedby="new-token-warning"
            className="mono token-value"
            readOnly
            value={token.token_value}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className="btn" onClick={() => void copyValue()}>
            Copy
          </button>
          <span role="status" className="hint">
            {copy === 'copied' && 'Copied to the clipboard.'}
            {copy === 'failed' && 'The browser refused the clipboard: select the value and copy it.'}
          </span>
        </div>
      </div>
      <button type="button" className="btn primary" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
