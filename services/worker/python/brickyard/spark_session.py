"""The task's Spark session, on a runtime that runs Spark (SPARK_REMOTE is set).

The executor gives each task run its own Spark Connect session on the cluster's shared Spark
driver: SPARK_REMOTE is the server's URL with a `session_id` chosen for the run. The `spark`
global and `SparkSession.builder.getOrCreate()` in user code are that one session (temp views and
SQL conf are the run's own), and the executor can interrupt what it runs when the task is
canceled (see brickyard.spark_release). pyspark is imported only here and only with Spark on.
"""

import os
import sys
import threading

# pyspark logs every query error as a JSON line on stderr; the task reports the error itself.
_ERROR_LOGGERS = ("SQLQueryContextLogger", "DataFrameQueryContextLogger")

# Errors show the Spark message without the server's JVM stack trace, as on Databricks; a run
# that wants it sets this back to true.
_SESSION_CONF = {"spark.sql.connect.serverStacktrace.enabled": "false"}

# How long releasing the session at the end may hold up the end of the task.
_RELEASE_TIMEOUT_SECONDS = 10


def enabled():
    return bool(os.environ.get("SPARK_REMOTE"))


def _ignore_stop():
    """spark.stop() in user code: the session belongs to the task and ends with it."""


def _ignore_master(builder, master):
    """SparkSession.builder.master(...): the code runs on the cluster, as on Databricks."""
    return builder


def start():
    """Creates the run's session and makes it the default one, for getOrCreate()."""
    from pyspark.logger import PySparkLogger
    from pyspark.sql import SparkSession

    for name in _ERROR_LOGGERS:
        PySparkLogger.getLogger(name).disabled = True
    SparkSession.Builder.master = _ignore_master
    spark = SparkSession.builder.remote(os.environ["SPARK_REMOTE"]).config(map=_SESSION_CONF).getOrCreate()
    # A stopped session cannot be taken up again (its id is the run's: SESSION_CLOSED), so a
    # script that stops it and calls getOrCreate() again would fail.
    spark.stop = _ignore_stop
    return spark


def end(spark):
    """Releases the session on the server (its temp views and state), waiting a bounded time.

    An unreachable server would hold a release in pyspark's retries for minutes; the executor
    releases sessions of runs that did not end this way.
    """
    release = threading.Thread(target=type(spark).stop, args=(spark,), daemon=True)
    release.start()
    release.join(_RELEASE_TIMEOUT_SECONDS)


def is_spark_error(error):
    errors = sys.modules.get("pyspark.errors")
    return errors is not None and isinstance(error, errors.PySparkException)


def split_message(error):
    """(message, JVM stack trace or "") of a Spark error: pyspark appends the server's trace."""
    text = str(error).strip()
    message, _, jvm = text.partition("\n\nJVM stacktrace:\n")
    return message, jvm


def error_line(error):
    """'AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table ...': the class and the first line."""
    message, _ = split_message(error)
    first = message.splitlines()[0] if message else ""
    return f"{type(error).__name__}: {first}" if first else type(error).__name__
