import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { FileView } from './file-view';
import { FolderView } from './folder-view';
import { NotebookView } from './notebook-view';
import { getStatus, type ObjectInfo, workspaceKeys } from './workspace-api';
import { baseName, crumbsOf, pathOfSplat } from './workspace-paths';
import { WorkspaceTree } from './workspace-tree';

function ObjectView({ info }: { info: ObjectInfo }) {
  switch (info.object_type) {
    case 'DIRECTORY':
      return <FolderView path={info.path} />;
    case 'NOTEBOOK':
      return <NotebookView info={info} />;
    case 'FILE':
      return <FileView info={info} />;
    default:
      return (
        <Page title={baseName(info.path)} crumbs={crumbsOf(info.path)}>
          <Empty title={`A ${info.object_type.toLowerCase()} cannot be shown here`}>
            Open it with the Databricks CLI: <code>databricks workspace get-status {info.path}</code>
          </Empty>
        </Page>
      );
  }
}

function StatusThenView({ path }: { path: string }) {
  const status = useQuery({ queryKey: workspaceKeys.status(path), queryFn: () => getStatus(path) });
  return (
    <QueryView query={status} label={`Opening ${baseName(path)}`}>
      {(info) => <ObjectView info={info} />}
    </QueryView>
  );
}

/** The tree of the workspace beside the object the URL names. */
export function WorkspaceObjectPage() {
  const path = pathOfSplat(useParams()['*']);
  return (
    <div className="tree-layout">
      <WorkspaceTree currentPath={path} />
      <section className="ws-content">
        {path === '/' ? <FolderView path="/" /> : <StatusThenView key={path} path={path} />}
      </section>
    </div>
  );
}
