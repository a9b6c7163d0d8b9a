import { dbfsDirectoryPrefix } from '@brickyard/common/storage';

/**
 * `dbfs:/` for Spark, with no code of our own: Hadoop's ViewFileSystemOverloadScheme takes the
 * `dbfs` scheme and sends every path, through a fallback link, under the workspace's DBFS root in
 * the bucket, where the DBFS API keeps the same files.
 */
export function dbfsFileSystemConf(bucket: string, workspaceId: number): Record<string, string> {
  const root = dbfsDirectoryPrefix(workspaceId, '/').replace(/\/$/, '');
  return {
    'spark.hadoop.fs.dbfs.impl': 'org.apache.hadoop.fs.viewfs.ViewFileSystemOverloadScheme',
    // The file system a `dbfs:` link target would get; no link targets `dbfs:`, but initialising
    // the overload scheme requires one.
    'spark.hadoop.fs.viewfs.overload.scheme.target.dbfs.impl': 'org.apache.hadoop.fs.s3a.S3AFileSystem',
    // `dbfs:/a` has no authority, so it resolves in the mount table named `default`.
    'spark.hadoop.fs.viewfs.mounttable.default.linkFallback': `s3a://${bucket}/${root}`,
  };
}

/** The settings above, which a cluster's spark_conf may not change. */
export const DBFS_FILE_SYSTEM_SETTINGS: readonly string[] = Object.keys(dbfsFileSystemConf('bucket', 1));
