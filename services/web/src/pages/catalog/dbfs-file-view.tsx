import { useMutation, useQuery } from '@tanstack/react-query';
import { formatBytes, formatTime } from '../../ui/format';
import { Empty, ErrorNotice, QueryView } from '../../ui/states';
import { textOf } from '../workspace/base64';
import { saveBytes } from '../workspace/save-bytes';
import { dbfsSegments } from './catalog-paths';
import { type DbfsFile, dbfsKeys, MAX_DOWNLOAD_BYTES, readDbfs } from './dbfs-api';

/** The head of a file shown as text. */
const PREVIEW_BYTES = 64 * 1024;

function Preview({ file }: { file: DbfsFile }) {
  const preview = useQuery({
    queryKey: dbfsKeys.preview(file.path),
    queryFn: async () => textOf(await readDbfs(file.path, Math.min(file.file_size, PREVIEW_BYTES))) ?? null,
  });
  return (
    <QueryView query={preview} label="Reading the file">
      {(text) =>
        text === null ? (
          <Empty title="This file is not text">Download it to open it with another program.</Empty>
        ) : (
          <>
            <pre className="cat-full cat-preview">{text}</pre>
            {file.file_size > PREVIEW_BYTES && (
              <p className="muted">The first {formatBytes(PREVIEW_BYTES)} are shown.</p>
            )}
          </>
        )
      }
    </QueryView>
  );
}

function DownloadButton({ file }: { file: DbfsFile }) {
  const name = dbfsSegments(file.path).at(-1) ?? 'download';
  const download = useMutation({
    mutationFn: async () => saveBytes(await readDbfs(file.path, file.file_size), name),
  });
  if (file.file_size > MAX_DOWNLOAD_BYTES) {
    return (
      <p className="muted">
        Files over {formatBytes(MAX_DOWNLOAD_BYTES)} are not downloaded here: use{' '}
        <code>databricks fs cp dbfs:{file.path} .</code>
      </p>
    );
  }
  return (
    <>
      <button
        type="button"
        className="btn primary"
        disabled={download.isPending}
        onClick={() => download.mutate()}
      >
        {download.isPending ? 'Downloading…' : `Download ${name}`}
      </button>
      {download.error && <ErrorNotice error={download.error} />}
    </>
  );
}

/** A DBFS file: its size and time, the start of its text, and its download. */
export function DbfsFileView({ file }: { file: DbfsFile }) {
  return (
    <>
      <dl className="facts card">
        <dt>Size</dt>
        <dd>{formatBytes(file.file_size)}</dd>
        <dt>Modified</dt>
        <dd>{formatTime(file.modification_time)}</dd>
      </dl>
      <div className="row cat-actions">
        <DownloadButton file={file} />
      </div>
      {file.file_size === 0 ? <p className="muted">The file is empty.</p> : <Preview file={file} />}
    </>
  );
}
