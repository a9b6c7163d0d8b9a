import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { NavLink } from 'react-router';
import { useSession } from '../../shell/session-context';
import { ObjectIcon } from './object-icon';
import { listObjects, type ObjectInfo, workspaceKeys } from './workspace-api';
import { baseName, homeFolderOf, isWithin, workspaceUrl } from './workspace-paths';
import { sortObjects } from './workspace-sort';

interface FolderProps {
  path: string;
  label: string;
  currentPath: string;
  /** Opened when the page shows something inside it. */
  leadsToCurrent: boolean;
}

function TreeChildren({ path, currentPath }: { path: string; currentPath: string }) {
  const list = useQuery({ queryKey: workspaceKeys.list(path), queryFn: () => listObjects(path) });
  if (list.isPending) return <p className="tree-note">Loading…</p>;
  if (list.error) return <p className="tree-note tone-bad">Cannot list: {list.error.message}</p>;
  if (list.data.length === 0) return <p className="tree-note">Empty</p>;
  return (
    <ul>
      {sortObjects(list.data).map((object) => (
        <TreeEntry key={object.path} object={object} currentPath={currentPath} />
      ))}
    </ul>
  );
}

function TreeEntry({ object, currentPath }: { object: ObjectInfo; currentPath: string }) {
  const name = baseName(object.path);
  if (object.object_type === 'DIRECTORY') {
    return (
      <TreeFolder
        path={object.path}
        label={name}
        currentPath={currentPath}
        leadsToCurrent={isWithin(currentPath, object.path)}
      />
    );
  }
  return (
    <li>
      <div className="tree-row">
        <span className="tree-spacer" />
        <NavLink end to={workspaceUrl(object.path)}>
          <ObjectIcon object={object} />
          {name}
        </NavLink>
      </div>
    </li>
  );
}

function TreeFolder({ path, label, currentPath, leadsToCurrent }: FolderProps) {
  const [open, setOpen] = useState(leadsToCurrent);
  useEffect(() => {
    if (leadsToCurrent) setOpen(true);
  }, [leadsToCurrent]);
  return (
    <li>
      <div className="tree-row">
        <button
          type="button"
          className="tree-toggle"
          aria-expanded={open}
          aria-label={`${open ? 'Collapse' : 'Expand'} ${label}`}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        </button>
        <NavLink end to={workspaceUrl(path)}>
          <ObjectIcon object={{ object_type: 'DIRECTORY' }} />
          {label}
        </NavLink>
      </div>
      {open && <TreeChildren path={path} currentPath={currentPath} />}
    </li>
  );
}

/** The workspace as a tree: the user's home folder first, then everything from the root. */
export function WorkspaceTree({ currentPath }: { currentPath: string }) {
  const home = homeFolderOf(useSession().session.user_name);
  const inHome = isWithin(currentPath, home);
  return (
    <nav className="tree-panel" aria-label="Workspace tree">
      <ul className="tree">
        <TreeFolder path={home} label="Home" currentPath={currentPath} leadsToCurrent={inHome} />
        <TreeFolder path="/" label="Workspace" currentPath={currentPath} leadsToCurrent={!inHome} />
      </ul>
    </nav>
  );
}
