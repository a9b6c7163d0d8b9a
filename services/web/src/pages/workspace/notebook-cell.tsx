import { CellRunView } from './cell-output-view';
import { MarkdownView } from './markdown-view';
import type { NotebookCell } from './notebook-source';
import type { CellRun } from './use-notebook-run';

const LANGUAGE_NAMES: Record<string, string> = {
  python: 'Python',
  sql: 'SQL',
  scala: 'Scala',
  r: 'R',
  markdown: 'Markdown',
};

/** The cell's language in words: 'Python', or a magic by its command ('%sh', '%run'). */
function languageLabel(cell: NotebookCell): string {
  return LANGUAGE_NAMES[cell.language] ?? `%${cell.language}`;
}

export function NotebookCellView({
  cell,
  position,
  run,
}: {
  cell: NotebookCell;
  position: number;
  run: CellRun | undefined;
}) {
  const label = `Cell ${position}`;
  return (
    <li className={`nb-cell nb-${cell.kind}`} aria-label={cell.title ? `${label}: ${cell.title}` : label}>
      <div className="nb-cell-head">
        <span className="nb-cell-number">{position}</span>
        {cell.title && <strong>{cell.title}</strong>}
        <span className="nb-cell-language">{languageLabel(cell)}</span>
      </div>
      {cell.kind === 'markdown' ? (
        <MarkdownView source={cell.source} />
      ) : (
        <pre className={`nb-code language-${cell.language}`}>
          <code>{cell.source}</code>
        </pre>
      )}
      {run && <CellRunView run={run} />}
    </li>
  );
}
