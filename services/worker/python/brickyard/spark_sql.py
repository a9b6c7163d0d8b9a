"""SQL scripts on Spark SQL: %sql cells, SQL notebooks and sql_task files when the runtime runs Spark.

The executor prepares a script (bridge operation `sql.prepare`): it splits the statements, applies
CREATE WIDGET / REMOVE WIDGET and substitutes `{{name}}` parameters, as it does for DuckDB. Each
statement then runs with spark.sql() in order; the result of the last one that returns columns is
shown as display() shows a DataFrame (queries run when their result is taken, each in turn). The
first failing statement ends the script.
"""

import contextlib
import io
import sys

from . import _bridge, spark_session
from .display import display


class SqlStatementError(Exception):
    """A statement failed: `line` is the task's error, `trace` its errorTrace."""

    def __init__(self, line, trace):
        super().__init__(line)
        self.line = line
        self.trace = trace


def _trace(label, statement, message):
    where = f"Error in {label}, statement {statement['index'] + 1}:"
    return f"{where}\n{message}\n\nStatement:\n{statement['written']}"


@contextlib.contextmanager
def _reported_as(label, statement):
    """Turns a Spark error into the statement's failure (class and message, trace, statement)."""
    try:
        yield
    except Exception as error:
        if not spark_session.is_spark_error(error):
            raise
        message = f"{type(error).__name__}: {spark_session.message_of(error)}"
        trace = _trace(label, statement, message)
        raise SqlStatementError(spark_session.error_line(error), trace) from None


def _rendered(frame):
    """What display() prints for a statement's result, taken when the statement runs."""
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        display(frame)
    return text.getvalue()


def run_script(spark, label, sql, parameters):
    """Runs a script; `label` names it in errors ('SQL cell 3', the file's path)."""
    statements = _bridge.call("sql.prepare", sql=sql, parameters=parameters)
    shown = None
    for statement in statements:
        if "error" in statement:
            raise SqlStatementError(statement["error"], _trace(label, statement, statement["error"]))
        # Every statement runs in order, queries too (rendering runs them): a later statement
        # must not change what an earlier query shows.
        with _reported_as(label, statement):
            frame = spark.sql(statement["sql"])
            if frame.columns:
                shown = _rendered(frame)
    if shown is not None:
        sys.stdout.write(shown)
