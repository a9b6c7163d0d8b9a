import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { base64ToBytes } from './base64';
import { DeleteObjectButton } from './delete-object-button';
import { ExportButton } from './export-button';
import { LastJobRun } from './last-job-run';
import { NotebookCellView } from './notebook-cell';
import { type NotebookCell, parseNotebookSource } from './notebook-source';
import { objectTypeLabel } from './object-type-label';
import { RunOnCluster } from './run-on-cluster';
import { useNotebookRun } from './use-notebook-run';
import { exportObject, type ObjectInfo, workspaceKeys } from './workspace-api';
import { baseName, crumbsOf, parentOf, workspaceUrl } from './workspace-paths';

async function readCells(info: ObjectInfo): Promise<NotebookCell[]> {
  const exported = await exportObject(info.path);
  const text = new TextDecoder().decode(base64ToBytes(exported.content));
  return parseNotebookSource(text, info.language ?? 'PYTHON');
}

/** The cells in order, each with what running it on a cluster gave. */
function NotebookCells({ cells }: { cells: NotebookCell[] }) {
  const { run, start, stop } = useNotebookRun(cells);
  const runs = run.phase === 'idle' ? [] : run.cells;
  return (
    <>
      <RunOnCluster run={run} onRun={start} onStop={stop} />
      <ol className="nb-cells" aria-label="Cells">
        {cells.map((cell, index) => (
          // A cell has no identity but its position, and the list is only ever read whole.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <NotebookCellView key={index} cell={cell} position={index + 1} run={runs[index]} />
        ))}
      </ol>
    </>
  );
}

/** A notebook's cells as its SOURCE export holds them: code, SQL and rendered Markdown. */
export function NotebookView({ info }: { info: ObjectInfo }) {
  const navigate = useNavigate();
  const cells = useQuery({ queryKey: workspaceKeys.cells(info.path), queryFn: () => readCells(info) });
  const actions = (
    <div className="row">
      <ExportButton object={info} />
      <DeleteObjectButton object={info} onDeleted={() => navigate(workspaceUrl(parentOf(info.path)))} />
    </div>
  );
  return (
    <Page title={baseName(info.path)} crumbs={crumbsOf(info.path)} actions={actions}>
      <p className="muted ws-subtitle">{objectTypeLabel(info)}</p>
      <LastJobRun notebookPath={info.path} />
      <QueryView query={cells} label="Reading the notebook">
        {(found) =>
          found.length === 0 ? (
            <Empty title="This notebook has no cells yet">Import a new version of it to add some.</Empty>
          ) : (
            <NotebookCells cells={found} />
          )
        }
      </QueryView>
    </Page>
  );
}
