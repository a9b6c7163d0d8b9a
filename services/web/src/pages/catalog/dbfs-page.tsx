import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { formatBytes, formatTime } from '../../ui/format';
import { Page } from '../../ui/page';
import { Empty, QueryView } from '../../ui/states';
import { TableFrame } from '../../ui/table-frame';
import { dbfsAncestors, dbfsPathOfSplat, dbfsSegments, dbfsUrl } from './catalog-paths';
import { CatalogTabs } from './catalog-tabs';
import { type DbfsFile, dbfsKeys, listDbfs } from './dbfs-api';
import { DbfsFileView } from './dbfs-file-view';

function entryName(entry: DbfsFile): string {
  return dbfsSegments(entry.path).at(-1) ?? entry.path;
}

function DirectoryTable({ path, entries }: { path: string; entries: DbfsFile[] }) {
  if (entries.length === 0) {
    return (
      <Empty title="This directory is empty">
        Put files here with{' '}
        <code>databricks fs cp ./data.csv dbfs:{path === '/' ? '/FileStore' : path}/</code>.
      </Empty>
    );
  }
  const sorted = [...entries].sort(
    (a, b) => Number(b.is_dir) - Number(a.is_dir) || a.path.localeCompare(b.path),
  );
  return (
    <TableFrame label={`Contents of dbfs:${path}`}>
      <table className="data">
        <caption className="visually-hidden">Contents of dbfs:{path}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Modified</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((entry) => (
            <tr key={entry.path}>
              <td>
                <Link to={dbfsUrl(entry.path)}>
                  {entryName(entry)}
                  {entry.is_dir ? '/' : ''}
                </Link>
              </td>
              <td>{entry.is_dir ? 'Directory' : 'File'}</td>
              <td className="num">{entry.is_dir ? '—' : formatBytes(entry.file_size)}</td>
              <td>{entry.is_dir ? '—' : formatTime(entry.modification_time)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

/** /catalog/dbfs/<path>: a DBFS directory's entries, or a file with its preview and download. */
export function DbfsPage() {
  const path = dbfsPathOfSplat(useParams()['*']);
  const listing = useQuery({ queryKey: dbfsKeys.list(path), queryFn: () => listDbfs(path) });
  const ancestors = dbfsAncestors(path);
  const crumbs = ancestors.slice(0, -1).map((folder) => ({ label: folder.name, to: dbfsUrl(folder.path) }));
  return (
    <>
      <CatalogTabs />
      <Page title={path === '/' ? 'DBFS' : (ancestors.at(-1)?.name ?? path)} crumbs={crumbs}>
        <p className="muted cat-subtitle mono">dbfs:{path}</p>
        <QueryView query={listing} label="Listing DBFS">
          {(found) =>
            found.kind === 'file' ? (
              <DbfsFileView file={found.file} />
            ) : (
              <DirectoryTable path={path} entries={found.entries} />
            )
          }
        </QueryView>
      </Page>
    </>
  );
}
