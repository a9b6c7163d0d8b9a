/**
 * The settings of the `dbfs:` Hadoop FileSystem (services/worker/jvm, whose jar joins spark.jars
 * from services/worker/jvm/dist): `fs.dbfs.impl` and what it needs to map `dbfs:/` to the
 * workspace's DBFS root go here, as `spark.hadoop.fs.dbfs.*`. None until that jar exists.
 */
export function dbfsFileSystemConf(): Record<string, string> {
  return {};
}
