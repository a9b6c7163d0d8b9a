import type { ReactNode } from 'react';
import { formatTime } from '../../ui/format';
import { TableFrame } from '../../ui/table-frame';
import type { TokenInfo } from './settings-api';
import { expiryText } from './token-lifetime';

/** Tokens with their comment, dates and id; `extra` adds columns (the owner, for admins). */
export function TokenTable<T extends TokenInfo>({
  tokens,
  caption,
  extraHeaders,
  extra,
  action,
}: {
  tokens: T[];
  caption: string;
  extraHeaders?: string[];
  extra?: (token: T) => ReactNode[];
  action: (token: T) => ReactNode;
}) {
  return (
    <TableFrame label={caption}>
      <table className="data">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Comment</th>
            {extraHeaders?.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Token ID</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.token_id}>
              <td className="wrap">{token.comment || <span className="muted">No comment</span>}</td>
              {extra?.(token).map((cell, index) => (
                <td key={extraHeaders?.[index] ?? index}>{cell}</td>
              ))}
              <td>{formatTime(token.creation_time)}</td>
              <td>{expiryText(token.expiry_time)}</td>
              <td className="mono wrap">{token.token_id}</td>
              <td>{action(token)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
