import { formatTime } from '../../ui/format';

interface Securable {
  full_name: string;
  owner?: string;
  comment?: string;
  created_at?: number;
  created_by?: string;
  updated_at?: number;
}

/** Who owns a catalog, schema or table, what it is, and when it was made and changed. */
export function SecurableFacts({ securable, kind }: { securable: Securable; kind: string }) {
  return (
    <dl className="facts card">
      <dt>Full name</dt>
      <dd className="mono">{securable.full_name}</dd>
      <dt>Type</dt>
      <dd>{kind}</dd>
      <dt>Owner</dt>
      <dd>{securable.owner ?? '—'}</dd>
      <dt>Created</dt>
      <dd>
        {formatTime(securable.created_at)}
        {securable.created_by ? ` by ${securable.created_by}` : ''}
      </dd>
      <dt>Updated</dt>
      <dd>{formatTime(securable.updated_at)}</dd>
      {securable.comment && (
        <>
          <dt>Comment</dt>
          <dd>{securable.comment}</dd>
        </>
      )}
    </dl>
  );
}
