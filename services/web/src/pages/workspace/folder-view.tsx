import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatBytes, formatTime } from '../../ui/format';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { TableFrame } from '../../ui/table-frame';
import { CreateFolderForm } from './create-folder-form';
import { DeleteObjectButton } from './delete-object-button';
import { ExportButton } from './export-button';
import { ImportForm } from './import-form';
import { ObjectIcon } from './object-icon';
import { objectTypeLabel } from './object-type-label';
import { listObjects, type ObjectInfo, workspaceKeys } from './workspace-api';
import { baseName, crumbsOf, workspaceUrl } from './workspace-paths';
import { sortObjects } from './workspace-sort';

type OpenForm = 'none' | 'folder' | 'import';

function ObjectRow({ object }: { object: ObjectInfo }) {
  const name = baseName(object.path);
  return (
    <tr>
      <td>
        <Link to={workspaceUrl(object.path)} className="ws-name">
          <ObjectIcon object={object} />
          {name}
        </Link>
      </td>
      <td>{objectTypeLabel(object)}</td>
      <td>{formatTime(object.modified_at)}</td>
      <td className="num">{object.object_type === 'FILE' ? formatBytes(object.size) : '—'}</td>
      <td>
        <div className="row">
          {object.object_type !== 'DIRECTORY' && <ExportButton object={object} />}
          <DeleteObjectButton object={object} />
        </div>
      </td>
    </tr>
  );
}

function ObjectTable({ objects, path }: { objects: ObjectInfo[]; path: string }) {
  if (objects.length === 0) {
    return (
      <Empty title="This folder is empty">
        Import a notebook or create a folder with the buttons above, or run{' '}
        <code>databricks workspace import</code>.
      </Empty>
    );
  }
  return (
    <TableFrame label={`Contents of ${path}`}>
      <table className="data">
        <caption className="visually-hidden">Contents of {path}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Modified</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {sortObjects(objects).map((object) => (
            <ObjectRow key={object.path} object={object} />
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

/** A folder's notebooks, files and folders, with the ways to add to it. */
export function FolderView({ path }: { path: string }) {
  const list = useQuery({ queryKey: workspaceKeys.list(path), queryFn: () => listObjects(path) });
  const [open, setOpen] = useState<OpenForm>('none');
  const toggle = (form: OpenForm) => setOpen(open === form ? 'none' : form);
  const actions = (
    <div className="row">
      <button
        type="button"
        className="btn"
        aria-expanded={open === 'folder'}
        onClick={() => toggle('folder')}
      >
        Create folder
      </button>
      <button
        type="button"
        className="btn primary"
        aria-expanded={open === 'import'}
        onClick={() => toggle('import')}
      >
        Import
      </button>
    </div>
  );
  return (
    <Page title={path === '/' ? 'Workspace' : baseName(path)} crumbs={crumbsOf(path)} actions={actions}>
      {open === 'folder' && <CreateFolderForm folder={path} onDone={() => setOpen('none')} />}
      {open === 'import' && <ImportForm folder={path} onDone={() => setOpen('none')} />}
      <QueryView query={list} label="Listing the folder">
        {(objects) => <ObjectTable objects={objects} path={path} />}
      </QueryView>
    </Page>
  );
}
