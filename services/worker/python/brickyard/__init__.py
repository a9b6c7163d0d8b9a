"""The Python side of the Brickyard runtime (stdlib only; pyspark for its Spark modules).

Inside a task, `dbutils` is a global (builtins.dbutils), `display` prints tables, and on Spark
`spark` is the run's session (see spark_session.py). This package adds helpers for code that needs
DBFS files on the local disk, since nothing is mounted at /dbfs:

    import brickyard
    path = brickyard.local_path("dbfs:/data/in.csv")   # downloads to a temp file, returns its path
    text = brickyard.read_text("/dbfs/data/in.csv")     # '/dbfs/...' means 'dbfs:/...' here
    rows = brickyard.sql("SELECT * FROM read_csv('dbfs:/data/in.csv')")  # list of dicts, via DuckDB

local_path also takes a directory (downloaded recursively). Files written locally can be copied
up with dbutils.fs.cp("file:/tmp/out.csv", "dbfs:/out/out.csv").
"""

from . import _bridge
from ._bridge import BrickyardError, SqlError

__all__ = ["BrickyardError", "SqlError", "dbfs_uri", "local_path", "read_bytes", "read_text", "sql"]


def dbfs_uri(path):
    """'dbfs:/a' for 'dbfs:/a', '/dbfs/a' and '/a'."""
    path = str(path)
    if path.startswith("dbfs:"):
        return path
    if path == "/dbfs" or path.startswith("/dbfs/"):
        return "dbfs:" + (path[len("/dbfs"):] or "/")
    return "dbfs:" + path


def local_path(path):
    """Downloads a DBFS file or directory to a temporary local path (removed when the task ends)."""
    return _bridge.call("fs.download", path=dbfs_uri(path))


def read_bytes(path):
    with open(local_path(path), "rb") as handle:
        return handle.read()


def read_text(path, encoding="utf-8"):
    with open(local_path(path), encoding=encoding) as handle:
        return handle.read()


def sql(query, parameters=None, limit=1000):
    """Runs SQL in the run's DuckDB session (the one SQL cells use without Spark); returns the last
    query's rows. On Spark, use spark.sql()."""
    result = _bridge.call(
        "sql.run", sql=query, parameters={str(k): str(v) for k, v in (parameters or {}).items()}, collect=int(limit)
    )
    return result.get("objects") or []
