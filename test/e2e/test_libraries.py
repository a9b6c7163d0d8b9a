"""Cluster libraries (the Libraries API) through the Databricks SDK, on a cluster of the
control-plane-only runtime with one worker, which grows to two: PyPI packages, a wheel on DBFS and
a requirements.txt in workspace files installed on every node (and on the node added later), a
package PyPI does not have FAILED with pip's message, uninstall at the next restart; a job task's
own PyPI library; notebook-scoped %pip in a context and in a notebook task. On a Spark cluster,
Python UDFs on the executors import the cluster's libraries, and a jar and Maven coordinates are
on the classpath of its sessions, on the driver and the executors.
"""

import base64
import io
import json
import os
import subprocess
import time
import uuid
from datetime import timedelta

import pytest
from conftest import pure_python_wheel
from databricks.sdk import WorkspaceClient
from databricks.sdk.service import jobs
from databricks.sdk.service.compute import (
    CommandStatus,
    Language,
    Library,
    LibraryInstallStatus,
    MavenLibrary,
    PythonPyPiLibrary,
    State,
)
from databricks.sdk.service.workspace import ImportFormat
from databricks.sdk.service.workspace import Language as WorkspaceLanguage

LIGHT_RUNTIME = "19.3.x-no-spark-scala2.13"
TIMEOUT = timedelta(minutes=5)
SETTLE_SECONDS = 240
SIX = Library(pypi=PythonPyPiLibrary(package="six==1.16.0"))
MISSING = Library(pypi=PythonPyPiLibrary(package="brickyard-no-such-package-e2e"))
UNSETTLED = {LibraryInstallStatus.PENDING, LibraryInstallStatus.RESOLVING, LibraryInstallStatus.INSTALLING}


def build_wheel() -> bytes:
    """A pure-Python wheel of module e2e_library."""
    return pure_python_wheel("e2e-library", {"e2e_library/__init__.py": b"ANSWER = 42\n"})


@pytest.fixture(scope="module")
def cluster_id(w: WorkspaceClient):
    created = w.clusters.create(
        cluster_name=f"e2e-libraries-{uuid.uuid4().hex[:6]}",
        spark_version=LIGHT_RUNTIME,
        node_type_id="m5d.large",
        num_workers=1,
        autotermination_minutes=30,
    ).result(timeout=TIMEOUT)
    assert created.state == State.RUNNING
    yield created.cluster_id
    w.clusters.permanent_delete(created.cluster_id)


@pytest.fixture(scope="module")
def files(w: WorkspaceClient):
    """A wheel on DBFS and a requirements.txt in workspace files: (wheel library, requirements library)."""
    name = f"e2e-libraries-{uuid.uuid4().hex[:8]}"
    folder, data = f"/Shared/{name}", f"/tmp/{name}"
    wheel = f"dbfs:{data}/e2e_library-1.0-py3-none-any.whl"
    w.dbfs.upload(wheel, io.BytesIO(build_wheel()), overwrite=True)
    w.workspace.mkdirs(folder)
    w.workspace.import_(
        f"{folder}/requirements.txt",
        content=base64.b64encode(b"# what the notebooks need\ntext-unidecode==1.3\n").decode(),
        format=ImportFormat.AUTO,
        overwrite=True,
    )
    yield Library(whl=wheel), Library(requirements=f"/Workspace{folder}/requirements.txt")
    w.workspace.delete(folder, recursive=True)
    w.dbfs.delete(data, recursive=True)


def settled(w: WorkspaceClient, cluster_id: str, expected: int) -> dict[str, tuple]:
    """The cluster's library statuses once `expected` of them are there and none is still under way,
    by the library's JSON: (status, messages)."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        statuses = list(w.libraries.cluster_status(cluster_id))
        if len(statuses) == expected and not any(s.status in UNSETTLED for s in statuses):
            return {key(s.library): (s.status, s.messages) for s in statuses}
        assert time.monotonic() < deadline, statuses
        time.sleep(2)


def key(library: Library) -> str:
    """A library's identity as the platform spells it (sorted keys, compact JSON)."""
    return json.dumps(library.as_dict(), sort_keys=True, separators=(",", ":"))


def node_reports(cluster_id: str) -> dict[str, dict]:
    """What each pod of the cluster reported (the Redis hash the API combines), by pod name."""
    out = subprocess.run(
        ["redis-cli", "-u", os.environ["REDIS_URL"], "--json", "HGETALL", f"brickyard:cluster:{cluster_id}:libraries"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {pod: json.loads(report)["libraries"] for pod, report in json.loads(out).items()}


def wait_for_nodes(cluster_id: str, pods: int, library: Library) -> dict[str, dict]:
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        reports = node_reports(cluster_id)
        done = [pod for pod, libraries in reports.items() if libraries.get(key(library), {}).get("status") == "INSTALLED"]
        if len(done) >= pods:
            return reports
        assert time.monotonic() < deadline, reports
        time.sleep(2)


def run_python(w: WorkspaceClient, cluster_id: str, command: str) -> str:
    context = w.command_execution.create_and_wait(cluster_id=cluster_id, language=Language.PYTHON, timeout=TIMEOUT)
    try:
        result = w.command_execution.execute_and_wait(
            cluster_id=cluster_id, context_id=context.id, language=Language.PYTHON, command=command, timeout=TIMEOUT
        )
        assert result.status == CommandStatus.FINISHED, result
        assert result.results.result_type.value == "text", result.results
        return result.results.data
    finally:
        w.command_execution.destroy(cluster_id=cluster_id, context_id=context.id)


def origins(w: WorkspaceClient, cluster_id: str, *modules: str) -> list:
    """Where a fresh Python context on the cluster imports each module from (None: nowhere)."""
    command = f"import json, importlib.util as u\nprint(json.dumps([getattr(u.find_spec(m), 'origin', None) for m in {list(modules)!r}]))"
    return json.loads(run_python(w, cluster_id, command))


def test_libraries_install_on_every_node_and_uninstall_at_the_next_restart(w: WorkspaceClient, cluster_id, files):
    wheel, requirements = files
    w.libraries.install(cluster_id, libraries=[SIX, wheel, requirements, MISSING])
    statuses = settled(w, cluster_id, 4)
    assert [statuses[key(library)][0] for library in (SIX, wheel, requirements)] == [LibraryInstallStatus.INSTALLED] * 3
    status, messages = statuses[key(MISSING)]
    assert status == LibraryInstallStatus.FAILED
    assert "No matching distribution found for brickyard-no-such-package-e2e" in "\n".join(messages)
    # The driver and the worker each installed them.
    reports = wait_for_nodes(cluster_id, 2, SIX)
    assert sorted(reports) == [f"{cluster_id}-driver", f"{cluster_id}-worker-0"]

    # A command imports them from the pod's libraries (not from whatever the runtime's Python has).
    found = origins(w, cluster_id, "six", "e2e_library", "text_unidecode")
    assert all(origin and "brickyard-libraries-" in origin for origin in found), found
    assert run_python(w, cluster_id, "import e2e_library\nprint(e2e_library.ANSWER)") == "42"

    # A node added later installs them too.
    w.clusters.resize(cluster_id, num_workers=2).result(timeout=TIMEOUT)
    assert f"{cluster_id}-worker-1" in wait_for_nodes(cluster_id, 3, SIX)

    # Uninstalled: still there until the cluster restarts, then gone.
    w.libraries.uninstall(cluster_id, libraries=[SIX, MISSING])
    statuses = settled(w, cluster_id, 3)
    assert statuses[key(SIX)][0] == LibraryInstallStatus.UNINSTALL_ON_RESTART
    assert key(MISSING) not in statuses
    w.clusters.restart(cluster_id).result(timeout=TIMEOUT)
    statuses = settled(w, cluster_id, 2)
    assert set(statuses) == {key(wheel), key(requirements)}
    assert {status for status, _ in statuses.values()} == {LibraryInstallStatus.INSTALLED}
    six_origin, wheel_origin = origins(w, cluster_id, "six", "e2e_library")
    assert "brickyard-libraries-" not in (six_origin or "")
    assert "brickyard-libraries-" in wheel_origin


def test_a_job_task_installs_its_own_pypi_library(w: WorkspaceClient, cluster_id, files):
    script = f"/tmp/e2e-libraries-{uuid.uuid4().hex[:8]}/task.py"
    w.dbfs.upload(script, io.BytesIO(b"import cowsay\nprint('cowsay from', cowsay.__file__)\n"), overwrite=True)
    try:
        def submit(library: Library) -> tuple[jobs.Run, jobs.RunOutput]:
            task = jobs.SubmitTask(
                task_key="cowsay",
                existing_cluster_id=cluster_id,
                spark_python_task=jobs.SparkPythonTask(python_file=f"dbfs:{script}"),
                libraries=[library],
            )
            run = w.jobs.submit(run_name="e2e-libraries", tasks=[task]).result(timeout=TIMEOUT)
            return run, w.jobs.get_run_output(run.tasks[0].run_id)

        run, output = submit(Library(pypi=PythonPyPiLibrary(package="cowsay==6.1")))
        assert run.state.result_state == jobs.RunResultState.SUCCESS, (output.error, output.logs)
        assert "brickyard-libraries-" in output.logs and "cowsay from" in output.logs
        run, output = submit(MISSING)
        assert run.state.result_state == jobs.RunResultState.FAILED
        # The run's error is one line: pip's first.
        assert "Could not find a version that satisfies the requirement brickyard-no-such-package-e2e" in output.error
    finally:
        w.dbfs.delete(os.path.dirname(script), recursive=True)


def test_pip_in_a_context_installs_for_that_context_only(w: WorkspaceClient, cluster_id):
    context = w.command_execution.create_and_wait(cluster_id=cluster_id, language=Language.PYTHON, timeout=TIMEOUT)
    try:

        def execute(command: str):
            return w.command_execution.execute_and_wait(
                cluster_id=cluster_id, context_id=context.id, language=Language.PYTHON, command=command, timeout=TIMEOUT
            )

        # A %pip command is the whole command, as a %pip cell is the whole cell.
        assert "Successfully installed cowsay-6.1" in execute("%pip install cowsay==6.1").results.data
        assert "notebook-libraries-" in execute("import cowsay\ncowsay.__file__").results.data
        failed = execute("%pip install brickyard-no-such-package-e2e")
        assert failed.results.result_type.value == "error"
        assert "No matching distribution found for brickyard-no-such-package-e2e" in failed.results.summary
    finally:
        w.command_execution.destroy(cluster_id=cluster_id, context_id=context.id)
    # Another context does not see it.
    assert "notebook-libraries-" not in (origins(w, cluster_id, "cowsay")[0] or "")


def test_pip_in_a_notebook_task_installs_for_the_run(w: WorkspaceClient, cluster_id, files):
    folder = f"/Shared/e2e-libraries-{uuid.uuid4().hex[:8]}"
    w.workspace.mkdirs(folder)
    try:
        source = (
            "# Databricks notebook source\n# MAGIC %pip install cowsay==6.1\n\n# COMMAND ----------\n\n"
            "import cowsay\ndbutils.notebook.exit(cowsay.__file__)\n"
        )
        w.workspace.import_(
            f"{folder}/pip",
            content=base64.b64encode(source.encode()).decode(),
            format=ImportFormat.SOURCE,
            language=WorkspaceLanguage.PYTHON,
            overwrite=True,
        )
        task = jobs.SubmitTask(
            task_key="pip",
            existing_cluster_id=cluster_id,
            notebook_task=jobs.NotebookTask(notebook_path=f"{folder}/pip"),
        )
        run = w.jobs.submit(run_name="e2e-pip", tasks=[task]).result(timeout=TIMEOUT)
        output = w.jobs.get_run_output(run.tasks[0].run_id)
        assert run.state.result_state == jobs.RunResultState.SUCCESS, (output.error, output.logs)
        assert "notebook-libraries-" in output.notebook_output.result
    finally:
        w.workspace.delete(folder, recursive=True)


JAVA_SOURCE = """package e2e;

public final class Greeter {
  public static String greet(String name) {
    return "hello " + name;
  }
}
"""


@pytest.fixture(scope="module")
def spark_cluster(w: WorkspaceClient):
    created = w.clusters.create(
        cluster_name=f"e2e-libraries-spark-{uuid.uuid4().hex[:6]}",
        spark_version="19.3.x-scala2.13",
        node_type_id="m5d.large",
        num_workers=1,
        autotermination_minutes=30,
    ).result(timeout=TIMEOUT)
    yield created.cluster_id
    w.clusters.permanent_delete(created.cluster_id)


@pytest.fixture(scope="module")
def greeter_jar(w: WorkspaceClient, tmp_path_factory):
    """A jar of class e2e.Greeter, compiled here, on DBFS: its jar library."""
    build = tmp_path_factory.mktemp("greeter")
    (build / "Greeter.java").write_text(JAVA_SOURCE)
    subprocess.run(["javac", "--release", "17", "-d", str(build / "classes"), str(build / "Greeter.java")], check=True)
    subprocess.run(["jar", "--create", "--file", str(build / "greeter.jar"), "-C", str(build / "classes"), "."], check=True)
    path = f"dbfs:/tmp/e2e-libraries-{uuid.uuid4().hex[:8]}/greeter.jar"
    with open(build / "greeter.jar", "rb") as jar:
        w.dbfs.upload(path, jar, overwrite=True)
    yield Library(jar=path)
    w.dbfs.delete(os.path.dirname(path.removeprefix("dbfs:")), recursive=True)


def test_a_spark_cluster_has_its_libraries_in_python_udfs_on_the_executors(w: WorkspaceClient, spark_cluster):
    w.libraries.install(spark_cluster, libraries=[Library(pypi=PythonPyPiLibrary(package="cowsay==6.1"))])
    statuses = settled(w, spark_cluster, 1)
    assert [status for status, _ in statuses.values()] == [LibraryInstallStatus.INSTALLED], statuses
    command = (
        "from pyspark.sql.functions import udf\n"
        "@udf('string')\n"
        "def origin(_):\n"
        "    import cowsay, os\n"
        "    return os.environ.get('HOSTNAME', '') + ' ' + cowsay.__file__\n"
        "print(spark.range(1).select(origin('id')).first()[0])"
    )
    host, origin = run_python(w, spark_cluster, command).split(" ", 1)
    assert host == f"{spark_cluster}-worker-0"
    assert "brickyard-libraries-" in origin


def test_jar_and_maven_libraries_are_on_the_classpath_of_the_driver_and_executors(
    w: WorkspaceClient, spark_cluster, greeter_jar
):
    jsoup = Library(maven=MavenLibrary(coordinates="org.jsoup:jsoup:1.17.2"))
    missing = Library(maven=MavenLibrary(coordinates="org.jsoup:jsoup:0.0.404"))
    w.libraries.install(spark_cluster, libraries=[jsoup, greeter_jar, missing])
    statuses = settled(w, spark_cluster, 4)
    assert statuses[key(jsoup)][0] == statuses[key(greeter_jar)][0] == LibraryInstallStatus.INSTALLED, statuses
    status, messages = statuses[key(missing)]
    assert status == LibraryInstallStatus.FAILED
    assert "org.jsoup:jsoup:0.0.404 were not found in https://repo1.maven.org/maven2" in messages[0]
    # reflect() runs on the executors: the jars went there too.
    query = (
        "SELECT reflect('org.jsoup.parser.Parser', 'unescapeEntities', '&amp;', false) AS unescaped,"
        " reflect('e2e.Greeter', 'greet', CAST(id AS STRING)) AS greeting FROM range(2)"
    )
    rows = run_python(w, spark_cluster, f"print(sorted(tuple(r) for r in spark.sql({query!r}).collect()))")
    assert rows == "[('&', 'hello 0'), ('&', 'hello 1')]"
