import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { formatBytes } from '../../ui/format';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { base64ToBytes, textOf } from './base64';
import { DeleteObjectButton } from './delete-object-button';
import { ExportButton } from './export-button';
import { exportObject, type ObjectInfo, workspaceKeys } from './workspace-api';
import { baseName, crumbsOf, parentOf, workspaceUrl } from './workspace-paths';

/** Files up to this size are shown inline; larger ones are only downloaded. */
const PREVIEW_BYTES = 256 * 1024;

async function readText(path: string): Promise<string | null> {
  const exported = await exportObject(path);
  return textOf(base64ToBytes(exported.content)) ?? null;
}

function Preview({ info }: { info: ObjectInfo }) {
  const small = (info.size ?? 0) <= PREVIEW_BYTES;
  const text = useQuery({
    queryKey: workspaceKeys.text(info.path),
    queryFn: () => readText(info.path),
    enabled: small,
  });
  if (!small) {
    return <Empty title={`This file is ${formatBytes(info.size)}`}>Export it to see it.</Empty>;
  }
  return (
    <QueryView query={text} label="Reading the file">
      {(content) =>
        content === null ? (
          <Empty title="This file is not text">Export it to open it with another program.</Empty>
        ) : (
          <pre className="ws-file-text">{content}</pre>
        )
      }
    </QueryView>
  );
}

/** A workspace file: its text when it is small text, and the ways to export or delete it. */
export function FileView({ info }: { info: ObjectInfo }) {
  const navigate = useNavigate();
  const actions = (
    <div className="row">
      <ExportButton object={info} />
      <DeleteObjectButton object={info} onDeleted={() => navigate(workspaceUrl(parentOf(info.path)))} />
    </div>
  );
  return (
    <Page title={baseName(info.path)} crumbs={crumbsOf(info.path)} actions={actions}>
      <p className="muted ws-subtitle">File · {formatBytes(info.size)}</p>
      <Preview info={info} />
    </Page>
  );
}
