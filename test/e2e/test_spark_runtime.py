"""Real Apache Spark with Delta Lake on a Brickyard cluster, through the Databricks SDK and CLI.

One cluster of a driver and two workers (runtime 19.3) serves the module: notebooks and Python
files run as one-off runs on it, the way a Databricks user runs them.
"""

import base64
import glob
import io
import json
import os
import subprocess
import time
import uuid
from datetime import timedelta

import deltalake
import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.service import jobs
from databricks.sdk.service.compute import (
    ClusterLogConf,
    DbfsStorageInfo,
    Library,
    State,
)
from databricks.sdk.service.workspace import ImportFormat, Language

from conftest import pure_python_wheel, run_cli

RUNTIME = "19.3.x-scala2.13"
CLUSTER_LOGS = f"dbfs:/cluster-logs/e2e-{uuid.uuid4().hex[:8]}"
RUN_TIMEOUT = timedelta(minutes=5)
CSV = "id,name,amount\n1,ada,10.5\n2,grace,20\n3,linus,7.25\n"
# A notebook cell of 40 one-second Spark tasks that exits with their sum, SLOW_TASKS_SUM.
SLOW_TASKS = (
    "import time\n"
    "from pyspark.sql.functions import udf\n"
    "slow = udf(lambda n: (time.sleep(1), n)[1], 'long')\n"
    "total = spark.range(0, 40, numPartitions=40).select(slow('id').alias('id')).groupBy().sum('id').first()[0]\n"
    "dbutils.notebook.exit(str(total))"
)
SLOW_TASKS_SUM = str(sum(range(40)))


@pytest.fixture(scope="module")
def cluster_id(w: WorkspaceClient):
    created = w.clusters.create(
        cluster_name=f"e2e-spark-{uuid.uuid4().hex[:6]}",
        spark_version=RUNTIME,
        node_type_id="m5d.large",
        num_workers=2,
        autotermination_minutes=30,
        cluster_log_conf=ClusterLogConf(dbfs=DbfsStorageInfo(destination=CLUSTER_LOGS)),
    ).result(timeout=timedelta(minutes=5))
    assert created.state == State.RUNNING
    yield created.cluster_id
    w.clusters.permanent_delete(created.cluster_id)
    w.dbfs.delete(f"{CLUSTER_LOGS}/{created.cluster_id}", recursive=True)


@pytest.fixture(scope="module")
def home(w: WorkspaceClient):
    """A workspace folder for notebooks and a DBFS folder for data, both removed afterwards."""
    name = f"e2e-spark-{uuid.uuid4().hex[:8]}"
    folder, data = f"/Shared/{name}", f"/tmp/{name}"
    w.workspace.mkdirs(folder)
    yield folder, data
    w.workspace.delete(folder, recursive=True)
    w.dbfs.delete(data, recursive=True)


def put_notebook(w: WorkspaceClient, path: str, *cells: str) -> str:
    source = "# Databricks notebook source\n" + "\n\n# COMMAND ----------\n\n".join(cells) + "\n"
    w.workspace.import_(
        path,
        content=base64.b64encode(source.encode()).decode(),
        format=ImportFormat.SOURCE,
        language=Language.PYTHON,
        overwrite=True,
    )
    return path


def run_task(w: WorkspaceClient, task: jobs.SubmitTask) -> tuple[jobs.Run, jobs.RunOutput]:
    run = w.jobs.submit(run_name=f"e2e-{task.task_key}", tasks=[task]).result(timeout=RUN_TIMEOUT)
    return run, w.jobs.get_run_output(run.tasks[0].run_id)


def run_notebook(w: WorkspaceClient, cluster_id: str, path: str) -> tuple[jobs.Run, jobs.RunOutput]:
    return run_task(
        w,
        jobs.SubmitTask(
            task_key="notebook",
            existing_cluster_id=cluster_id,
            notebook_task=jobs.NotebookTask(notebook_path=path),
        ),
    )


def succeeded(run: jobs.Run, output: jobs.RunOutput) -> str:
    assert run.state.result_state == jobs.RunResultState.SUCCESS, (output.error, output.error_trace, output.logs)
    return output.notebook_output.result if output.notebook_output else ""


def test_the_getting_started_notebook_writes_delta_to_dbfs(w: WorkspaceClient, cluster_id: str, home):
    folder, data = home
    path = put_notebook(
        w,
        f"{folder}/first",
        "df = spark.createDataFrame([(1, 'a'), (2, 'b')], ['id', 'v'])\n"
        f"df.write.format('delta').save('dbfs:{data}/t')",
        f"n = spark.read.format('delta').load('dbfs:{data}/t').count()\ndbutils.notebook.exit(str(n))",
    )
    assert succeeded(*run_notebook(w, cluster_id, path)) == "2"
    # The table is in the workspace's DBFS: the same objects the DBFS API lists.
    listed = [entry.path for entry in w.dbfs.list(f"dbfs:{data}/t")]
    assert f"{data}/t/_delta_log" in listed


def test_an_etl_notebook_reads_csv_from_dbfs_transforms_writes_delta_and_queries_it_with_sql(
    w: WorkspaceClient, cluster_id: str, home
):
    folder, data = home
    w.dbfs.put(f"dbfs:{data}/people.csv", contents=base64.b64encode(CSV.encode()).decode(), overwrite=True)
    path = put_notebook(
        w,
        f"{folder}/etl",
        "from pyspark.sql import functions as F\n"
        f"raw = spark.read.csv('dbfs:{data}/people.csv', header=True, inferSchema=True)\n"
        "clean = raw.withColumn('amount_cents', (F.col('amount') * 100).cast('int')).filter('amount > 8')\n"
        f"clean.write.format('delta').mode('overwrite').save('dbfs:{data}/people')\n"
        "display(clean)",
        f"%sql\nCREATE OR REPLACE TEMP VIEW people AS SELECT * FROM delta.`dbfs:{data}/people`",
        "total = spark.sql('SELECT sum(amount_cents) AS total FROM people').first()['total']\n"
        "dbutils.notebook.exit(str(total))",
    )
    assert succeeded(*run_notebook(w, cluster_id, path)) == "3050"


def test_merge_update_delete_and_time_travel_in_sql_cells(w: WorkspaceClient, cluster_id: str, home):
    folder, data = home
    table = f"delta.`dbfs:{data}/accounts`"
    path = put_notebook(
        w,
        f"{folder}/merge",
        f"%sql\nCREATE TABLE {table} (id INT, balance INT) USING delta",
        f"%sql\nINSERT INTO {table} VALUES (1, 10), (2, 20)",
        f"%sql\nMERGE INTO {table} t USING (SELECT 2 AS id, 25 AS balance UNION ALL SELECT 3, 30) s "
        "ON t.id = s.id WHEN MATCHED THEN UPDATE SET balance = s.balance "
        "WHEN NOT MATCHED THEN INSERT *",
        f"%sql\nUPDATE {table} SET balance = balance + 1 WHERE id = 1",
        f"%sql\nDELETE FROM {table} WHERE id = 3",
        "import json\n"
        f"now = sorted(tuple(r) for r in spark.sql('SELECT * FROM {table}').collect())\n"
        f"first = sorted(tuple(r) for r in spark.sql('SELECT * FROM {table} VERSION AS OF 1').collect())\n"
        f"ops = [r['operation'] for r in spark.sql('DESCRIBE HISTORY {table}').collect()]\n"
        "dbutils.notebook.exit(json.dumps({'now': now, 'first': first, 'ops': ops}))",
    )
    result = json.loads(succeeded(*run_notebook(w, cluster_id, path)))
    assert result["now"] == [[1, 11], [2, 25]]
    assert result["first"] == [[1, 10], [2, 20]]
    assert result["ops"][:4] == ["DELETE", "UPDATE", "MERGE", "WRITE"]


def test_python_file_apis_see_dbfs_at_slash_dbfs(w: WorkspaceClient, cluster_id: str, home):
    """/dbfs/... in open(), os and pandas is the DBFS root that dbfs: in Spark and the DBFS API use."""
    folder, data = home
    w.dbfs.put(f"dbfs:{data}/fuse/people.csv", contents=base64.b64encode(CSV.encode()).decode(), overwrite=True)
    path = put_notebook(
        w,
        f"{folder}/fuse",
        "import os\nimport pandas as pd\n"
        f"names = sorted(os.listdir('/dbfs{data}/fuse'))\n"
        f"people = pd.read_csv('/dbfs{data}/fuse/people.csv')\n"
        f"people.assign(double=people.amount * 2).to_csv('/dbfs{data}/fuse/doubled.csv', index=False)\n"
        f"with open('/dbfs{data}/fuse/note.txt', 'w') as note:\n    note.write('written by open()')",
        f"total = spark.read.csv('dbfs:{data}/fuse/doubled.csv', header=True, inferSchema=True)"
        ".selectExpr('sum(double)').first()[0]\n"
        "dbutils.notebook.exit(f'{names}|{total}')",
    )
    assert succeeded(*run_notebook(w, cluster_id, path)) == "['people.csv']|75.5"
    note = w.dbfs.read(f"dbfs:{data}/fuse/note.txt")
    assert base64.b64decode(note.data).decode() == "written by open()"


def test_delta_maintenance_schema_evolution_properties_and_change_data_feed(
    w: WorkspaceClient, cluster_id: str, home
):
    folder, data = home
    table = f"delta.`dbfs:{data}/events`"
    path = put_notebook(
        w,
        f"{folder}/maintenance",
        f"spark.range(0, 100).selectExpr('id', 'id % 7 AS kind').write.format('delta').save('dbfs:{data}/events')\n"
        f"spark.sql(\"ALTER TABLE {table} SET TBLPROPERTIES (delta.enableChangeDataFeed = true, team = 'e2e')\")\n"
        "for start in (100, 200):\n"
        "    spark.range(start, start + 100).selectExpr('id', 'id % 7 AS kind')"
        f".write.format('delta').mode('append').save('dbfs:{data}/events')",
        # Schema evolution: a new column merged in on append.
        "spark.range(300, 310).selectExpr('id', 'id % 7 AS kind', \"'late' AS source\")"
        f".write.format('delta').mode('append').option('mergeSchema', 'true').save('dbfs:{data}/events')",
        f"optimized = spark.sql('OPTIMIZE {table} ZORDER BY (kind)').first()['metrics']['numFilesRemoved']\n"
        f"spark.sql('UPDATE {table} SET source = \"fixed\" WHERE id = 5')\n"
        f"changes = spark.read.format('delta').option('readChangeFeed', 'true').option('startingVersion', 1)"
        f".load('dbfs:{data}/events').where('id = 5').select('_change_type').collect()\n"
        "spark.conf.set('spark.databricks.delta.retentionDurationCheck.enabled', 'false')\n"
        f"spark.sql('VACUUM {table} RETAIN 0 HOURS')",
        f"columns = spark.read.format('delta').load('dbfs:{data}/events').columns\n"
        f"props = {{r['key']: r['value'] for r in spark.sql('SHOW TBLPROPERTIES {table}').collect()}}\n"
        f"count = spark.read.format('delta').load('dbfs:{data}/events').count()\n"
        "dbutils.notebook.exit(f\"{columns}|{props['team']}|{optimized > 1}|"
        "{sorted(r[0] for r in changes)}|{count}\")",
    )
    assert succeeded(*run_notebook(w, cluster_id, path)) == (
        "['id', 'kind', 'source']|e2e|True|['update_postimage', 'update_preimage']|310"
    )


def test_a_python_file_builds_its_own_session_and_its_work_spreads_over_the_worker_pods(
    w: WorkspaceClient, cluster_id: str, home
):
    folder, _ = home
    script = (
        "import json, os\n"
        "from pyspark.sql import SparkSession\n"
        "from pyspark.sql.functions import udf\n"
        "spark = SparkSession.builder.getOrCreate()\n"
        "host = udf(lambda _: os.environ.get('HOSTNAME', '?'))\n"
        "hosts = {r[0] for r in spark.range(0, 400, numPartitions=40).select(host('id')).distinct().collect()}\n"
        "print(json.dumps(sorted(hosts)))\n"
    )
    w.workspace.import_(
        f"{folder}/hosts.py",
        content=base64.b64encode(script.encode()).decode(),
        format=ImportFormat.RAW,
        overwrite=True,
    )
    run, output = run_task(
        w,
        jobs.SubmitTask(
            task_key="hosts",
            existing_cluster_id=cluster_id,
            spark_python_task=jobs.SparkPythonTask(python_file=f"{folder}/hosts.py", source=jobs.Source.WORKSPACE),
        ),
    )
    assert run.state.result_state == jobs.RunResultState.SUCCESS, (output.error, output.error_trace)
    hosts = json.loads(output.logs.strip().splitlines()[-1])
    workers = {host for host in hosts if "-worker-" in host}
    assert len(workers) >= 2, hosts


def test_a_failing_spark_query_reports_the_spark_error_in_the_run_output(w: WorkspaceClient, cluster_id: str, home):
    folder, _ = home
    path = put_notebook(w, f"{folder}/broken", "spark.sql('SELECT * FROM no_such_table_anywhere').show()")
    run, output = run_notebook(w, cluster_id, path)
    assert run.state.result_state == jobs.RunResultState.FAILED
    assert "TABLE_OR_VIEW_NOT_FOUND" in output.error
    assert output.error_trace


def test_the_cli_submits_a_notebook_run_on_the_spark_cluster(w: WorkspaceClient, cluster_id: str, home):
    folder, _ = home
    path = put_notebook(w, f"{folder}/cli", "dbutils.notebook.exit(str(spark.range(1000).count()))")
    submitted = run_cli(
        "jobs",
        "submit",
        "--timeout",
        "5m",
        "--json",
        json.dumps(
            {
                "run_name": "e2e-cli",
                "tasks": [
                    {"task_key": "cli", "existing_cluster_id": cluster_id, "notebook_task": {"notebook_path": path}}
                ],
            }
        ),
    )
    assert submitted["state"]["result_state"] == "SUCCESS"
    output = w.jobs.get_run_output(submitted["tasks"][0]["run_id"])
    assert output.notebook_output.result == "1000"


def test_delta_rs_reads_a_table_brickyard_wrote(w: WorkspaceClient, cluster_id: str, home, default_workspace_id: int):
    folder, data = home
    path = put_notebook(
        w,
        f"{folder}/for-delta-rs",
        f"spark.range(0, 50).write.format('delta').save('dbfs:{data}/for_rs')\n"
        f"spark.range(50, 75).write.format('delta').mode('append').save('dbfs:{data}/for_rs')",
    )
    succeeded(*run_notebook(w, cluster_id, path))
    bucket = os.environ["BRICKYARD_BUCKET"]
    table = deltalake.DeltaTable(
        f"s3://{bucket}/workspaces/{default_workspace_id}/dbfs{data}/for_rs",
        storage_options={
            "AWS_ENDPOINT_URL": os.environ["AWS_ENDPOINT_URL_S3"],
            "AWS_ACCESS_KEY_ID": os.environ["AWS_ACCESS_KEY_ID"],
            "AWS_SECRET_ACCESS_KEY": os.environ["AWS_SECRET_ACCESS_KEY"],
            "AWS_REGION": os.environ["AWS_REGION"],
            "AWS_ALLOW_HTTP": "true",
            "AWS_S3_ALLOW_UNSAFE_RENAME": "true",
        },
    )
    assert table.version() == 1
    assert sorted(table.to_pyarrow_table().column("id").to_pylist()) == list(range(75))


def test_a_cluster_applied_with_kubectl_runs_spark(w: WorkspaceClient, home, default_workspace_id: int):
    folder, _ = home
    name = f"1202-000000-{uuid.uuid4().hex[:8]}"
    manifest = {
        "apiVersion": "brickyard.dev/v1alpha1",
        "kind": "Cluster",
        "metadata": {"name": name, "namespace": f"brickyard-ws-{default_workspace_id}"},
        "spec": {"clusterName": name, "sparkVersion": RUNTIME, "numWorkers": 0, "desiredState": "RUNNING"},
    }
    subprocess.run(["kubectl", "apply", "-f", "-"], input=json.dumps(manifest), text=True, check=True)
    try:
        details = w.clusters.wait_get_cluster_running(name, timeout=timedelta(minutes=5))
        assert details.spark_version == RUNTIME
        path = put_notebook(w, f"{folder}/kubectl", "dbutils.notebook.exit(str(spark.range(7).count()))")
        assert succeeded(*run_notebook(w, name, path)) == "7"
    finally:
        subprocess.run(
            ["kubectl", "delete", "cluster.brickyard.dev", name, "-n", f"brickyard-ws-{default_workspace_id}"],
            check=True,
        )


COUNT_APP = """
import org.apache.spark.sql.SparkSession;

public class CountApp {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("count-app").getOrCreate();
    System.out.println("count=" + spark.range(Long.parseLong(args[0])).count());
    spark.stop();
  }
}
"""


@pytest.fixture(scope="module")
def count_app_jar(w: WorkspaceClient, home, tmp_path_factory) -> str:
    """A Spark application in Java, compiled against the runtime's jars, in DBFS."""
    _, data = home
    build = tmp_path_factory.mktemp("count-app")
    (build / "CountApp.java").write_text(COUNT_APP)
    jars = glob.glob(f"{os.environ['BRICKYARD_SPARK_RUNTIME']}/venv/lib/python3*/site-packages/pyspark/jars")[0]
    subprocess.run(["javac", "-cp", f"{jars}/*", "-d", str(build / "classes"), str(build / "CountApp.java")], check=True)
    subprocess.run(["jar", "--create", "--file", str(build / "app.jar"), "-C", str(build / "classes"), "."], check=True)
    path = f"dbfs:{data}/jars/count-app.jar"
    with open(build / "app.jar", "rb") as jar:
        w.dbfs.upload(path, jar, overwrite=True)
    return path


def run_count_app(w: WorkspaceClient, cluster_id: str, jar: str, argument: str) -> tuple[jobs.Run, jobs.RunOutput]:
    return run_task(
        w,
        jobs.SubmitTask(
            task_key="jar",
            existing_cluster_id=cluster_id,
            spark_jar_task=jobs.SparkJarTask(main_class_name="CountApp", parameters=[argument]),
            libraries=[Library(jar=jar)],
        ),
    )


def test_a_spark_jar_task_runs_its_main_class_from_a_jar_library(w: WorkspaceClient, cluster_id: str, count_app_jar):
    run, output = run_count_app(w, cluster_id, count_app_jar, "1234")
    assert run.state.result_state == jobs.RunResultState.SUCCESS, (output.error, output.error_trace)
    assert "count=1234" in output.logs


def test_a_spark_submit_task_submits_a_python_application_from_dbfs(w: WorkspaceClient, cluster_id: str, home):
    _, data = home
    app = "import sys\nfrom pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n"
    app += "print('rows=%d' % spark.range(int(sys.argv[1])).count())\n"
    w.dbfs.put(f"dbfs:{data}/apps/rows.py", contents=base64.b64encode(app.encode()).decode(), overwrite=True)
    run, output = run_task(
        w,
        jobs.SubmitTask(
            task_key="submit",
            existing_cluster_id=cluster_id,
            spark_submit_task=jobs.SparkSubmitTask(parameters=[f"dbfs:{data}/apps/rows.py", "77"]),
        ),
    )
    assert run.state.result_state == jobs.RunResultState.SUCCESS, (output.error, output.error_trace)
    assert "rows=77" in output.logs


WHEEL_MODULE = """
import sys

from pyspark.sql import SparkSession


def main():
    spark = SparkSession.builder.getOrCreate()
    rows = spark.range(0, int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 10).count()
    print(f"rows={rows} args={sys.argv[1:]}")


def fail():
    raise ValueError("the wheel refuses")
"""


def build_wheel() -> bytes:
    """A pure-Python wheel of package e2e_wheel (a console_scripts entry point `count`)."""
    return pure_python_wheel(
        "e2e-wheel",
        {"e2e_wheel/__init__.py": WHEEL_MODULE.encode()},
        entry_points=b"[console_scripts]\ncount = e2e_wheel:main\n",
    )


@pytest.fixture(scope="module")
def wheel(w: WorkspaceClient, home) -> str:
    _, data = home
    path = f"dbfs:{data}/e2e_wheel-1.0-py3-none-any.whl"
    w.dbfs.upload(path, io.BytesIO(build_wheel()), overwrite=True)
    return path


def run_wheel(w: WorkspaceClient, cluster_id: str, wheel: str, **task) -> tuple[jobs.Run, jobs.RunOutput]:
    return run_task(
        w,
        jobs.SubmitTask(
            task_key="wheel",
            existing_cluster_id=cluster_id,
            python_wheel_task=jobs.PythonWheelTask(package_name="e2e_wheel", **task),
            libraries=[Library(whl=wheel)],
        ),
    )


def test_a_python_wheel_task_runs_the_entry_point_of_a_wheel_library(w: WorkspaceClient, cluster_id: str, wheel):
    # The entry point of the wheel's metadata, with named parameters as --name=value.
    run, output = run_wheel(w, cluster_id, wheel, entry_point="count", named_parameters={"greeting": "hi"})
    assert run.state.result_state == jobs.RunResultState.SUCCESS, (output.error, output.error_trace, output.logs)
    assert "rows=10 args=['--greeting=hi']" in output.logs
    # No such entry point in the metadata: package_name.entry_point, with positional parameters.
    run, output = run_wheel(w, cluster_id, wheel, entry_point="main", parameters=["25"])
    assert run.state.result_state == jobs.RunResultState.SUCCESS, (output.error, output.error_trace, output.logs)
    assert "rows=25 args=['25']" in output.logs
    run, output = run_wheel(w, cluster_id, wheel, entry_point="fail")
    assert run.state.result_state == jobs.RunResultState.FAILED
    assert output.error == "ValueError: the wheel refuses"
    assert "e2e_wheel/__init__.py" in output.error_trace


def test_a_failing_spark_jar_task_reports_the_exception(w: WorkspaceClient, cluster_id: str, count_app_jar):
    run, output = run_count_app(w, cluster_id, count_app_jar, "not-a-number")
    assert run.state.result_state == jobs.RunResultState.FAILED
    assert "NumberFormatException" in output.error_trace


def test_the_driver_and_executor_logs_are_delivered_to_the_cluster_log_destination(w: WorkspaceClient, cluster_id: str):
    """As cluster_log_conf asks: <destination>/<cluster-id>/driver/... and executor/<app>/<id>/..."""
    root = f"{CLUSTER_LOGS}/{cluster_id}"

    def delivered() -> list[str]:
        found, pending = [], [root]
        while pending:
            for entry in w.dbfs.list(pending.pop()):
                (pending if entry.is_dir else found).append(entry.path)
        return found

    deadline = time.monotonic() + 60
    while True:
        files = delivered()
        executors = [path for path in files if "/executor/app-" in path and path.endswith("/stderr")]
        if f"{root.removeprefix('dbfs:')}/driver/stderr" in files and len(executors) >= 2:
            break
        assert time.monotonic() < deadline, files
        time.sleep(2)
    driver_log = base64.b64decode(w.dbfs.read(f"{root}/driver/stderr").data).decode()
    assert "SparkContext" in driver_log


def test_a_worker_pod_killed_mid_job_loses_no_work_and_comes_back(
    w: WorkspaceClient, cluster_id: str, home, default_workspace_id: int
):
    """Near the end of the module: it takes a worker away from the shared cluster (which gets it back)."""
    folder, _ = home
    path = put_notebook(
        w,
        f"{folder}/resilient",
        SLOW_TASKS,
    )
    waiter = w.jobs.submit(
        run_name="e2e-resilient",
        tasks=[
            jobs.SubmitTask(
                task_key="resilient", existing_cluster_id=cluster_id, notebook_task=jobs.NotebookTask(notebook_path=path)
            )
        ],
    )
    namespace = f"brickyard-ws-{default_workspace_id}"
    victim = f"{cluster_id}-worker-1"
    # The kill lands while the executors run the 40 one-second tasks.
    deadline = time.monotonic() + 120
    while w.jobs.get_run(waiter.run_id).state.life_cycle_state != jobs.RunLifeCycleState.RUNNING:
        assert time.monotonic() < deadline, "the run never started"
        time.sleep(0.5)
    time.sleep(6)
    old_uid = kubectl_json("get", "pod", victim, "-n", namespace)["metadata"]["uid"]
    subprocess.run(["kubectl", "delete", "pod", victim, "-n", namespace, "--wait=false"], check=True)

    run = waiter.result(timeout=RUN_TIMEOUT)
    output = w.jobs.get_run_output(run.tasks[0].run_id)
    assert succeeded(run, output) == SLOW_TASKS_SUM
    # The operator replaced the pod, and the cluster is whole again: its new worker registered.
    deadline = time.monotonic() + 180
    while True:
        pod = kubectl_json("get", "pod", victim, "-n", namespace, check=False)
        ready = pod and pod["metadata"]["uid"] != old_uid and any(
            c["type"] == "Ready" and c["status"] == "True" for c in pod["status"].get("conditions", [])
        )
        if ready and w.clusters.get(cluster_id).state == State.RUNNING:
            break
        assert time.monotonic() < deadline, f"{victim} was not replaced: {pod and pod.get('status')}"
        time.sleep(1)


def test_scale_down_decommissions_the_removed_workers_executors(w: WorkspaceClient, cluster_id: str, home):
    """Last in the module: a resize to one worker decommissions worker-1 gracefully (Spark's
    decommissioning: its executor migrates its blocks and exits on its own, not killed)."""
    folder, _ = home
    shuffle = put_notebook(
        w,
        f"{folder}/shuffle",
        "counts = spark.range(0, 100000, numPartitions=8).selectExpr('id % 10 AS k').groupBy('k').count()\n"
        "dbutils.notebook.exit(str(counts.count()))",
    )
    assert succeeded(*run_notebook(w, cluster_id, shuffle)) == "10"
    resized = w.clusters.resize(cluster_id, num_workers=1).result(timeout=timedelta(minutes=2))
    assert resized.state == State.RUNNING
    root = f"{CLUSTER_LOGS}/{cluster_id}/executor"

    def executor_logs() -> list[str]:
        logs = []
        for app in w.dbfs.list(root):
            for executor in w.dbfs.list(app.path):
                logs.append(base64.b64decode(w.dbfs.read(f"{executor.path}/stderr").data).decode(errors="replace"))
        return logs

    deadline = time.monotonic() + 60
    while not any("Executor self-exiting due to : Finished decommissioning" in log for log in executor_logs()):
        assert time.monotonic() < deadline, "no executor log tells of a finished decommissioning"
        time.sleep(2)
    # The cluster keeps working on its remaining worker.
    assert succeeded(*run_notebook(w, cluster_id, shuffle)) == "10"


def kubectl_json(*args: str, check: bool = True) -> dict | None:
    completed = subprocess.run(["kubectl", *args, "-o", "json"], capture_output=True, text=True, check=check)
    return json.loads(completed.stdout) if completed.returncode == 0 else None
