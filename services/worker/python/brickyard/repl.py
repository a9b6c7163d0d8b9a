"""One execution context of the Command Execution API: python3 -m brickyard.repl

The runtime's command server (services/worker/src/commands) starts one per context and talks to
it in JSON lines. It sends on stdin:

  {"op": "execute", "id": "...", "language": "python"|"sql", "command": "..."}
  {"op": "cancel", "id": "..."}

and reads on stdout:

  {"op": "ready"}                                  once the context can take commands
  {"op": "started", "id": "..."}                   when a command starts (it was queued until then)
  {"id": "...", "status": "Finished"|"Cancelled", "results": "<JSON text>"}

`results` is the JSON text of the command's result (brickyard.repl_results), passed through
unparsed so that no number loses precision on the way. Closing stdin ends the context.

Commands run one at a time, in order, in the main thread, sharing one globals dict (a __main__
module) with `spark` (when SPARK_REMOTE is set), `dbutils`, `display` and `displayHTML` as in
notebooks. Secret values read with dbutils.secrets are [REDACTED] in results and in the context's
log (brickyard.redaction). The protocol owns the process's original stdout: file descriptor 1 is pointed at
stderr (the context's log), so that subprocesses and C libraries cannot write into the protocol,
and sys.stdout and sys.stderr are a capture buffer while a command runs, which becomes its text
result. stdin is /dev/null for user code. A failed command is Finished with an error result, as on
Databricks; no user error (SystemExit included) ends the process.

A reader thread takes cancels at once: it interrupts the context's Spark operations and sends
SIGINT to the main thread, whose handler raises KeyboardInterrupt only while the cancelled command
runs user code, so that a late signal can never stop the next command or the protocol itself.
"""

import builtins
import json
import linecache
import os
import queue
import signal
import sys
import textwrap
import threading
import traceback
import types

from . import _bridge, pip_magic, redaction, repl_results, spark_session
from .dbutils import DBUtils, NotebookExit
from .display import display as print_display
from .display import displayHTML
from .driver import _exit_now, _user_traceback
from .driver import _globals as notebook_globals

CANCELLED = {"resultType": "error", "summary": "Command cancelled", "cause": "The command was cancelled."}
NO_SPARK = (
    "SQL commands need a cluster that runs Spark: this cluster's runtime has no Spark engine. "
    "Run Python commands, or use a cluster with Spark."
)


class CommandError(Exception):
    """A failure reported as is: `summary` its one line, `cause` the detail."""

    def __init__(self, summary, cause=None):
        super().__init__(summary)
        self.summary = summary
        self.cause = cause or summary


class Channel:
    """The protocol's two ends, kept away from user code (see the module's docstring)."""

    def __init__(self):
        self.input = os.fdopen(os.dup(0), "r", encoding="utf-8")
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        self._output = os.fdopen(os.dup(1), "w", encoding="utf-8")
        os.dup2(2, 1)
        self._lock = threading.Lock()

    def send(self, message):
        line = json.dumps(message) + "\n"
        with self._lock:
            self._output.write(line)
            self._output.flush()


def _sql_cause(statement, message):
    return f"Error in statement {statement['index'] + 1}:\n{message}\n\nStatement:\n{statement['written']}"


class Context:
    """The context's state, shared by the reader thread (messages, cancels) and the main thread
    (commands); `_lock` guards which commands are pending, cancelled and current."""

    def __init__(self, channel, spark):
        self._channel = channel
        self._spark = spark
        self._queue = queue.Queue()
        self._lock = threading.Lock()
        self._pending = set()  # ids received and not answered yet
        self._cancelled = set()
        self._current = None
        self._interruptible = False  # the main thread runs user code; only the main thread sets it
        self._count = 0
        self._table = None
        self._dbutils = DBUtils()
        self._namespace = self._main_namespace()

    def _main_namespace(self):
        """A __main__ module: what commands define is __main__'s, for pickle and Spark UDFs."""
        main = types.ModuleType("__main__")
        main.__dict__.update(notebook_globals(self._dbutils, self._spark))
        main.__dict__.update(display=self.display, displayHTML=displayHTML)
        sys.modules["__main__"] = main
        builtins.dbutils = self._dbutils
        builtins.display = self.display
        builtins.displayHTML = displayHTML
        return main.__dict__

    def display(self, value=None, *args, **kwargs):
        """display() of a DataFrame makes the command's result that table; anything else prints."""
        table = repl_results.table_of(value)
        if table is None:
            print_display(value, *args, **kwargs)
        else:
            self._table = table

    # The reader thread.

    def read(self):
        for line in self._channel.input:
            if not line.strip():
                continue
            try:
                message = json.loads(line)
                command_id = message["id"]
                op = message["op"]
            except (ValueError, KeyError, TypeError):
                print(f"brickyard.repl: ignored a malformed message: {line[:200]!r}", file=sys.__stderr__)
                continue
            if op == "execute":
                with self._lock:
                    self._pending.add(command_id)
                self._queue.put(message)
            elif op == "cancel":
                self._cancel(command_id)
        # stdin closed: the context is being destroyed.
        with self._lock:
            pending = list(self._pending)
        for command_id in pending:
            self._cancel(command_id)
        self._queue.put(None)

    def _cancel(self, command_id):
        with self._lock:
            if command_id not in self._pending:
                return
            self._cancelled.add(command_id)
            running = self._current == command_id
        if not running:
            return
        if self._spark is not None:
            try:
                self._spark.interruptAll()
            except Exception as error:  # noqa: BLE001 - the signal still stops Python code
                print(f"brickyard.repl: could not interrupt Spark: {error}", file=sys.__stderr__)
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)

    def on_interrupt(self, signum, frame):
        if self._interruptible and self._current in self._cancelled:
            raise KeyboardInterrupt

    # The main thread.

    def serve(self):
        while True:
            message = self._queue.get()
            if message is None:
                return
            self._answer(message)

    def _answer(self, message):
        command_id = message["id"]
        with self._lock:
            skipped = command_id in self._cancelled
            if not skipped:
                self._current = command_id
        if skipped:
            status, result = "Cancelled", CANCELLED
        else:
            self._channel.send({"op": "started", "id": command_id})
            status, result = self._execute(message.get("language"), message.get("command"))
        with self._lock:
            self._current = None
            self._pending.discard(command_id)
            self._cancelled.discard(command_id)
        try:
            text = repl_results.dumps(redaction.redact_all(result))
        except (TypeError, ValueError) as error:
            text = repl_results.dumps(repl_results.error_result(f"The result could not be sent: {error}", ""))
        self._channel.send({"id": command_id, "status": status, "results": text})

    def _execute(self, language, command):
        self._count += 1
        filename = f"<command-{self._count}>"
        source = textwrap.dedent(command or "")
        output = repl_results.CappedOutput()
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = output
        self._table = None
        try:
            try:
                self._interruptible = True
                # A cancel that came before the flag was set found nothing to interrupt.
                if self._current in self._cancelled:
                    raise KeyboardInterrupt
                if language == "sql":
                    self._run_sql(source)
                else:
                    self._run_python(source, filename)
            finally:
                self._interruptible = False
        except NotebookExit as done:
            return "Finished", repl_results.text_result(done.value)
        except BaseException as error:  # noqa: BLE001 - every failure is the command's result
            if self._current in self._cancelled:
                return "Cancelled", CANCELLED
            return "Finished", self._error(error)
        finally:
            sys.stdout, sys.stderr = saved
        if self._table is not None:
            return "Finished", self._table
        # print("done") answers "done": Databricks leaves out the last line's newline.
        return "Finished", repl_results.text_result(output.getvalue().rstrip("\n"))

    def _run_python(self, source, filename):
        pip = pip_magic.arguments_of(source)
        if pip is not None:
            pip_magic.run(pip)
            return
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        statements, last = repl_results.split_last_expression(source, filename)
        exec(compile(statements, filename, "exec"), self._namespace)
        if last is None:
            return
        value = eval(compile(last, filename, "eval"), self._namespace)
        if value is not None:
            self._namespace["_"] = value
            print(repr(value))

    def _run_sql(self, source):
        """The script's statements in order on Spark SQL; the last one with columns is the table."""
        if self._spark is None:
            raise CommandError(NO_SPARK)
        statements = _bridge.call("sql.prepare", sql=source, parameters=self._dbutils.widgets.values())
        table = None
        for statement in statements:
            if "error" in statement:
                raise CommandError(statement["error"], _sql_cause(statement, statement["error"]))
            try:
                frame = self._spark.sql(statement["sql"])
                # Taken now: a later statement must not change what an earlier query shows.
                if frame.columns:
                    table = repl_results.spark_table(frame)
            except Exception as error:
                if not spark_session.is_spark_error(error):
                    raise
                message = f"{type(error).__name__}: {spark_session.message_of(error)}"
                raise CommandError(spark_session.error_line(error), _sql_cause(statement, message)) from None
        self._table = table or repl_results.table_result([], [], False)

    def _error(self, error):
        if isinstance(error, CommandError):
            return repl_results.error_result(error.summary, error.cause)
        if isinstance(error, pip_magic.PipError):
            return repl_results.error_result(f"PipError: {str(error).splitlines()[-1]}", str(error))
        summary, cause = _user_traceback(error, lambda name: name.startswith("<command-"))
        if spark_session.is_spark_error(error):
            summary = spark_session.error_line(error)
            cause = cause.replace(str(error), spark_session.message_of(error))
        return repl_results.error_result(summary, cause)


def main():
    channel = Channel()
    # What the context prints outside a command (threads, Spark's logs) goes to its log, redacted.
    sys.stdout = redaction.RedactingStream(sys.stdout)
    sys.stderr = redaction.RedactingStream(sys.stderr)
    spark = spark_session.start() if spark_session.enabled() else None
    context = Context(channel, spark)
    signal.signal(signal.SIGINT, context.on_interrupt)
    threading.Thread(target=context.read, name="brickyard-repl-reader", daemon=True).start()
    channel.send({"op": "ready"})
    try:
        context.serve()
    finally:
        if spark is not None:
            spark_session.end(spark)
    _exit_now()


if __name__ == "__main__":
    try:
        main()
    except BaseException:  # noqa: BLE001 - the reason goes to the context's log
        traceback.print_exc()
        sys.exit(1)
