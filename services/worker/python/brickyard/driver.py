"""Runs one task in this process: a notebook's cells, or a Python file.

    python3 -m brickyard.driver <spec.json>

The spec (written by the executor) holds:
  mode          "notebook", "file", "wheel" or "sql"
  cells         notebook mode: [{"index", "kind": "python"|"sql"|"pip", "source"}] in order (a pip
                cell's source is the arguments of its %pip: brickyard.pip_magic)
  notebookPath  notebook mode: the notebook's workspace path
  file, argv    file mode: the script (a local copy) and its sys.argv[1:]
  displayName   file mode: the script's name in tracebacks (its DBFS or workspace path)
  paths         wheel mode: directories the task's wheels were installed into
  packageName, entryPoint, argv
                wheel mode: the entry point of the package's metadata (any group, console_scripts
                in practice), else the function packageName.entryPoint, called with argv as
                sys.argv[1:]
  scripts       sql mode (Spark only): [{"label", "source"}], SQL scripts run in order
  widgets       values bound to widgets (base_parameters overridden by run parameters)
  taskValues    upstream task values {taskKey: {key: value}}
  resultFile    where to write the outcome as JSON: {"status": "SUCCESS"|"FAILED",
                "exitValue"?, "error"?, "errorTrace"?, "cell"?}

Python cells share one globals dict and run in order; SQL cells go to the executor's DuckDB
session through the bridge, with the widget values as {{name}} parameters. The first exception
ends the run: error is its last line, errorTrace the traceback without the driver's frames.
dbutils.notebook.exit(value) ends it with SUCCESS and the exit value. Secret values read with
dbutils.secrets are [REDACTED] in what the process prints and in its outcome (brickyard.redaction).

With SPARK_REMOTE set (a runtime with Spark), the run has a Spark Connect session from the start:
`spark` is a global of notebooks and files, and SQL cells and scripts run on Spark SQL
(brickyard.spark_sql). A Spark error's line is its class and message ('AnalysisException:
[TABLE_OR_VIEW_NOT_FOUND] ...'). The session is released when the run ends.
"""

import ast
import atexit
import builtins
import json
import linecache
import os
import sys
import traceback

from . import _bridge, pip_magic, redaction, spark_session, spark_sql
from .dbutils import DBUtils, NotebookExit
from .display import display, displayHTML


def _write_result(path, result):
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    os.replace(temporary, path)


def _user_traceback(error, keep):
    """The traceback from the first frame whose file `keep` accepts (the user's code)."""
    tb = error.__traceback__
    while tb is not None and not keep(tb.tb_frame.f_code.co_filename):
        tb = tb.tb_next
    exception = traceback.TracebackException(type(error), error, tb)
    trace = "".join(exception.format())
    only = "".join(exception.format_exception_only()).strip().splitlines()
    return (only[-1] if only else type(error).__name__), trace


def _failure(error, keep, cell=None):
    if isinstance(error, pip_magic.PipError):
        message = str(error)
        result = {"status": "FAILED", "error": f"PipError: {message.splitlines()[-1]}", "errorTrace": message}
    elif isinstance(error, spark_sql.SqlStatementError):
        result = {"status": "FAILED", "error": error.line, "errorTrace": error.trace}
    elif isinstance(error, _bridge.SqlError):
        message = str(error)
        trace = message
        if error.statement:
            trace = f"{message}\n\nStatement:\n{error.statement}"
        result = {"status": "FAILED", "error": message, "errorTrace": trace}
    else:
        line, trace = _user_traceback(error, keep)
        if spark_session.is_spark_error(error):
            line = spark_session.error_line(error)
            trace = trace.replace(str(error), spark_session.message_of(error))
        result = {"status": "FAILED", "error": line, "errorTrace": trace}
    if cell is not None:
        result["cell"] = cell
    sys.stderr.write(result["errorTrace"].rstrip("\n") + "\n")
    return result


def _system_exit(error, cell=None):
    code = error.code
    if code is None or code == 0:
        return {"status": "SUCCESS"}
    result = {"status": "FAILED", "error": f"SystemExit: {code}", "errorTrace": f"SystemExit: {code}"}
    if cell is not None:
        result["cell"] = cell
    return result


def _run_python_cell(cell, namespace):
    filename = f"<command-{cell['index']}>"
    source = cell["source"]
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    tree = ast.parse(source, filename, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, filename, "exec"), namespace)
    if last is not None:
        value = eval(compile(last, filename, "eval"), namespace)
        if value is not None:
            print(repr(value))


def _run_sql_cell(cell, dbutils, spark):
    if spark is not None:
        spark_sql.run_script(spark, f"SQL cell {cell['index']}", cell["source"], dbutils.widgets.values())
        return
    result = _bridge.call("sql.run", sql=cell["source"], parameters=dbutils.widgets.values(), maxRows=20)
    if result and result.get("text"):
        print(result["text"])


def _globals(dbutils, spark, name="__main__", file=None):
    """The user code's globals: as on Databricks shared compute, `spark` but no `sc`."""
    namespace = {
        "__name__": name,
        "__builtins__": builtins,
        "dbutils": dbutils,
        "display": display,
        "displayHTML": displayHTML,
        "getArgument": dbutils.widgets.getArgument,
    }
    if spark is not None:
        namespace["spark"] = spark
    if file is not None:
        namespace["__file__"] = file
    return namespace


def _install(dbutils):
    builtins.dbutils = dbutils
    builtins.display = display
    builtins.displayHTML = displayHTML


def run_notebook(spec, spark):
    dbutils = DBUtils(spec.get("widgets"), spec.get("taskValues"))
    _install(dbutils)
    sys.argv = [spec.get("notebookPath", "")]
    namespace = _globals(dbutils, spark)

    def keep(filename):
        return filename.startswith("<command-")

    for cell in spec["cells"]:
        try:
            if cell["kind"] == "sql":
                _run_sql_cell(cell, dbutils, spark)
            elif cell["kind"] == "pip":
                pip_magic.run(cell["source"])
            else:
                _run_python_cell(cell, namespace)
        except NotebookExit as done:
            return {"status": "SUCCESS", "exitValue": done.value}
        except SystemExit as error:
            return _system_exit(error, cell["index"])
        except BaseException as error:  # noqa: BLE001 - every failure ends the notebook
            return _failure(error, keep, cell["index"])
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
    return {"status": "SUCCESS"}


def _run_main(run, keep):
    """Runs a task's main code (a file, a wheel's entry point) to its outcome: dbutils.notebook.exit
    and sys.exit(0) are successes, any other exception a failure traced from the frames `keep` accepts."""
    try:
        run()
    except NotebookExit as done:
        return {"status": "SUCCESS", "exitValue": done.value}
    except SystemExit as error:
        return _system_exit(error)
    except BaseException as error:  # noqa: BLE001 - every failure ends the task
        return _failure(error, keep)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return {"status": "SUCCESS"}


def run_file(spec, spark):
    import types

    file = spec["file"]
    # Tracebacks name the script as the task does (dbfs:/..., /Workspace/...), not its local copy.
    shown = spec.get("displayName") or file
    dbutils = DBUtils(spec.get("widgets"), spec.get("taskValues"))
    _install(dbutils)
    sys.argv = [file] + [str(arg) for arg in spec.get("argv", [])]
    sys.path.insert(0, os.path.dirname(file))

    def keep(filename):
        return filename == shown

    main = types.ModuleType("__main__")
    main.__dict__.update(_globals(dbutils, spark, file=file))
    sys.modules["__main__"] = main

    def run():
        with open(file, encoding="utf-8") as handle:
            source = handle.read()
        linecache.cache[shown] = (len(source), None, source.splitlines(True), shown)
        exec(compile(source, shown, "exec"), main.__dict__)

    return _run_main(run, keep)


def _normalized(name):
    return name.lower().replace("-", "_").replace(".", "_")


def _entry_point(package, name, paths):
    """Databricks' lookup: the named entry point of the package's metadata, else package.name."""
    from importlib import import_module, metadata

    for distribution in metadata.distributions(path=paths):
        if _normalized(distribution.metadata["Name"] or "") != _normalized(package):
            continue
        for entry in distribution.entry_points:
            if entry.name == name:
                return entry.load()
    return getattr(import_module(package), name)


def run_wheel(spec, spark):
    """python_wheel_task: no `spark` global; the package gets its session with getOrCreate()."""
    paths = spec["paths"]
    dbutils = DBUtils(spec.get("widgets"), spec.get("taskValues"))
    _install(dbutils)
    sys.path[:0] = paths
    sys.argv = [spec["packageName"]] + [str(arg) for arg in spec.get("argv", [])]

    def keep(filename):
        return any(filename.startswith(path) for path in paths)

    return _run_main(lambda: _entry_point(spec["packageName"], spec["entryPoint"], paths)(), keep)


def run_sql(spec, spark):
    """SQL scripts (a sql_task file, a SQL notebook's cells) on Spark SQL."""
    if spark is None:
        raise RuntimeError("SQL scripts run here only on a runtime with Spark (SPARK_REMOTE)")
    dbutils = DBUtils(spec.get("widgets"), spec.get("taskValues"))
    for script in spec["scripts"]:
        try:
            spark_sql.run_script(spark, script["label"], script["source"], dbutils.widgets.values())
        except BaseException as error:  # noqa: BLE001
            return _failure(error, lambda filename: True)
        finally:
            sys.stdout.flush()
    return {"status": "SUCCESS"}


_RUNNERS = {"notebook": run_notebook, "file": run_file, "wheel": run_wheel, "sql": run_sql}


def _exit_now():
    """Ends the process without the interpreter's teardown, which takes about half a second once
    pyspark, pandas and gRPC are loaded. atexit handlers still run; the result is written."""
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: python3 -m brickyard.driver <spec.json>\n")
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        spec = json.load(handle)
    sys.stdout = redaction.RedactingStream(sys.stdout)
    sys.stderr = redaction.RedactingStream(sys.stderr)
    spark = None
    try:
        if spark_session.enabled():
            spark = spark_session.start()
    except Exception as error:  # noqa: BLE001 - no session, no run
        result = _failure(error, lambda filename: True)
    else:
        try:
            result = _RUNNERS[spec.get("mode", "file")](spec, spark)
        finally:
            if spark is not None:
                spark_session.end(spark)
    _write_result(spec["resultFile"], redaction.redact_all(result))
    if spark is not None:
        _exit_now()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
