import { useMutation } from '@tanstack/react-query';
import { ErrorNotice } from '../../ui/states';
import { base64ToBytes } from './base64';
import { exportFileName } from './object-type-label';
import { saveBytes } from './save-bytes';
import { exportObject, type ObjectInfo } from './workspace-api';
import { baseName } from './workspace-paths';

/** Downloads a notebook in SOURCE format (.py, .sql, ...) or a file's bytes, via workspace/export. */
export function ExportButton({ object }: { object: Pick<ObjectInfo, 'path' | 'object_type'> }) {
  const name = baseName(object.path);
  const download = useMutation({
    mutationFn: async () => {
      const exported = await exportObject(object.path);
      saveBytes(
        base64ToBytes(exported.content),
        exportFileName(name, object.object_type, exported.file_type),
      );
    },
  });
  return (
    <>
      <button
        type="button"
        className="btn"
        aria-label={`Export ${name}`}
        disabled={download.isPending}
        onClick={() => download.mutate()}
      >
        {download.isPending ? 'Exporting…' : 'Export'}
      </button>
      {download.error && <ErrorNotice error={download.error} />}
    </>
  );
}
