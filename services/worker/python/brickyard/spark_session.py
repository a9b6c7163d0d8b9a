"""The task's Spark session, on a runtime that runs Spark (SPARK_REMOTE is set).

The executor gives each task run its own Spark Connect session on the cluster's shared Spark
driver: SPARK_REMOTE is the server's URL with a `session_id` chosen for the run. The `spark`
global and `SparkSession.builder.getOrCreate()` in user code are that one session (temp views and
SQL conf are the run's own), and the executor can interrupt what it runs when the task is
canceled (see brickyard.spark_release). pyspark is imported only when Spark is on. The cluster's
JVM libraries (jar, maven), which Spark keeps per session, are added to each session as it starts.
"""

import os
import sys
import threading

# pyspark logs every query error as a JSON line on stderr; the task reports the error itself.
_ERROR_LOGGERS = ("SQLQueryContextLogger", "DataFrameQueryContextLogger")

# Where the worker passes the credential, and the session setting the catalog plugin reads it from.
_COMPUTE_CALLER_VARIABLE = "BRICKYARD_COMPUTE_CALLER"
_COMPUTE_CALLER_SETTING = "spark.brickyard.computeCaller.token"

# How long releasing the session at the end may hold up the end of the task.
_RELEASE_TIMEOUT_SECONDS = 5


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
    spark = SparkSession.builder.remote(os.environ["SPARK_REMOTE"]).getOrCreate()
    _act_as_caller(spark)
    # A stopped session cannot be taken up again (its id is the run's: SESSION_CLOSED), so a
    # script that stops it and calls getOrCreate() again would fail.
    spark.stop = _ignore_stop
    _add_cluster_jars(spark)
    return spark


def _act_as_caller(spark):
    """Sets the credential of whom the work is for (the task's run-as user, the context's creator)
    in the session before any user code runs: the catalog reads it once, when the session first
    reaches it, so its calls carry that user's grants. Taken out of the environment, so that
    processes the code starts do not inherit it."""
    credential = os.environ.pop(_COMPUTE_CALLER_VARIABLE, None)
    if credential:
        spark.conf.set(_COMPUTE_CALLER_SETTING, credential)


def _add_cluster_jars(spark):
    """The cluster's JVM libraries (jar and maven), which Spark keeps per session: each session the
    runtime opens adds them (and ships them to the executors), listed by the driver's runtime."""
    listing = os.environ.get("BRICKYARD_JVM_LIBRARIES")
    if not listing or not os.path.exists(listing):
        return
    with open(listing, encoding="utf-8") as lines:
        for uri in (line.strip() for line in lines):
            if not uri:
                continue
            try:
                spark.sql("ADD JAR '" + uri.replace("\\", "\\\\").replace("'", "\\'") + "'").collect()
            except Exception as error:  # noqa: BLE001 - the run goes on without it, and says so
                print(f"The cluster library {uri} could not be added to the Spark session: {error}", file=sys.stderr)


def _release(spark):
    try:
        spark.client.release_session()
    except Exception as error:  # noqa: BLE001 - the server drops it once it has been idle long enough
        print(f"The Spark session was not released: {error}", file=sys.stderr)


def end(spark):
    """Releases the session on the server (its temp views and state), then closes the channel.

    An unreachable server would hold the release in pyspark's retries for minutes, and pyspark's
    own release at exit too: the wait is bounded, and a closed client skips the one at exit. The
    executor releases the sessions of runs that ended otherwise.
    """
    release = threading.Thread(target=_release, args=(spark,), daemon=True)
    release.start()
    release.join(_RELEASE_TIMEOUT_SECONDS)
    spark.client.close()


def is_spark_error(error):
    errors = sys.modules.get("pyspark.errors")
    return errors is not None and isinstance(error, errors.PySparkException)


def message_of(error):
    """A Spark error's message without the server's JVM stack trace that pyspark appends to it:
    errors show what Databricks shows a Python user."""
    return str(error).partition("\n\nJVM stacktrace:\n")[0].strip()


def error_line(error):
    """'AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table ...': the class and the first line."""
    message = message_of(error)
    first = message.splitlines()[0] if message else ""
    return f"{type(error).__name__}: {first}" if first else type(error).__name__
