"""Structured Streaming on a cluster: from the platform's Kafka broker into Delta, and Auto Loader.

Records produced to Kafka (confluent-kafka, as an application would) are read on a Spark cluster
by `spark.readStream.format("kafka")` into a Unity Catalog Delta table with its checkpoint in DBFS,
with `trigger(availableNow=True)` from a notebook and from a job, and as a stream that keeps
running. A restart of the
cluster, between runs or under a running stream, loses and duplicates no record: the checkpoint
and Delta's transaction log make the sink exactly-once. Auto Loader (`format("cloudFiles")`)
ingests a DBFS folder's new files with the options users set most.
"""

import base64
import os
import time
import uuid
from datetime import timedelta

import pytest
from confluent_kafka import Producer
from databricks.sdk import WorkspaceClient
from databricks.sdk.service import jobs
from databricks.sdk.service.compute import CommandStatus, Language, ResultType, State
from databricks.sdk.service.workspace import ImportFormat
from databricks.sdk.service.workspace import Language as WorkspaceLanguage

SPARK_RUNTIME = "19.3.x-scala2.13"
TIMEOUT = timedelta(minutes=5)
BOOTSTRAP = os.environ["BRICKYARD_KAFKA_BOOTSTRAP"]


@pytest.fixture(scope="module")
def cluster(w: WorkspaceClient):
    created = w.clusters.create(
        cluster_name=f"e2e-streaming-{uuid.uuid4().hex[:6]}",
        spark_version=SPARK_RUNTIME,
        node_type_id="m5d.large",
        num_workers=0,
        autotermination_minutes=30,
    ).result(timeout=TIMEOUT)
    yield created.cluster_id
    w.clusters.permanent_delete(created.cluster_id)


@pytest.fixture
def names():
    """A topic, a table and a checkpoint of the test's own."""
    suffix = uuid.uuid4().hex[:8]
    return {
        "topic": f"e2e-events-{suffix}",
        "table": f"main.default.events_{suffix}",
        "checkpoint": f"dbfs:/e2e/streaming/{suffix}/checkpoint",
        "folder": f"dbfs:/e2e/streaming/{suffix}",
    }


def produce(topic: str, ids: range) -> None:
    producer = Producer({"bootstrap.servers": BOOTSTRAP, "enable.idempotence": True})
    for i in ids:
        producer.produce(topic, key=str(i), value=f'{{"id": {i}}}')
    assert producer.flush(30) == 0


class Notebook:
    """An execution context on the cluster, as a notebook attached to it is."""

    def __init__(self, w: WorkspaceClient, cluster_id: str):
        self.w, self.cluster_id = w, cluster_id
        self.id = w.command_execution.create_and_wait(
            cluster_id=cluster_id, language=Language.PYTHON, timeout=TIMEOUT
        ).id

    def run(self, command: str) -> str:
        result = self.w.command_execution.execute_and_wait(
            cluster_id=self.cluster_id, context_id=self.id, language=Language.PYTHON, command=command, timeout=TIMEOUT
        )
        assert result.status == CommandStatus.FINISHED
        assert result.results.result_type != ResultType.ERROR, f"{result.results.summary}\n{result.results.cause}"
        return (result.results.data or "").strip()

    def close(self) -> None:
        self.w.command_execution.destroy(cluster_id=self.cluster_id, context_id=self.id)


def kafka_stream(names: dict, trigger: str) -> str:
    """The notebook code of a stream from the topic into the table, with its trigger."""
    return f"""
query = (spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", "{BOOTSTRAP}")
    .option("subscribe", "{names['topic']}")
    .option("startingOffsets", "earliest")
    .load()
    .selectExpr("CAST(key AS STRING) AS id", "CAST(value AS STRING) AS body", "partition", "offset")
    .writeStream.format("delta")
    .option("checkpointLocation", "{names['checkpoint']}")
    .trigger({trigger})
    .toTable("{names['table']}"))
"""


def counts(notebook: Notebook, table: str) -> tuple[int, int]:
    """The table's rows, and its distinct Kafka offsets."""
    found = notebook.run(f"df = spark.table('{table}'); print(df.count(), df.select('offset').distinct().count())")
    rows, offsets = found.split()
    return int(rows), int(offsets)


def restart(w: WorkspaceClient, cluster_id: str) -> None:
    w.clusters.restart(cluster_id).result(timeout=TIMEOUT)
    assert w.clusters.get(cluster_id).state == State.RUNNING


def test_available_now_takes_what_is_there_and_a_cluster_restart_loses_and_repeats_nothing(
    w: WorkspaceClient, cluster: str, names
):
    produce(names["topic"], range(0, 100))
    notebook = Notebook(w, cluster)
    notebook.run(kafka_stream(names, "availableNow=True") + "query.awaitTermination()")
    assert counts(notebook, names["table"]) == (100, 100)

    produce(names["topic"], range(100, 150))
    notebook.close()
    restart(w, cluster)
    # Now as a team's scheduled job runs it: a notebook task on the cluster.
    assert run_as_job(w, cluster, kafka_stream(names, "availableNow=True") + "query.awaitTermination()")
    notebook = Notebook(w, cluster)
    try:
        assert counts(notebook, names["table"]) == (150, 150)
        # Nothing new: the next run writes nothing.
        notebook.run(kafka_stream(names, "availableNow=True") + "query.awaitTermination()")
        assert counts(notebook, names["table"]) == (150, 150)
    finally:
        notebook.close()
        w.tables.delete(names["table"])


def run_as_job(w: WorkspaceClient, cluster_id: str, source: str) -> bool:
    """A one-time run of the code as a notebook task on the cluster; whether it succeeded."""
    path = f"/Users/{w.current_user.me().user_name}/stream-{uuid.uuid4().hex[:6]}"
    w.workspace.import_(
        path,
        content=base64.b64encode(f"# Databricks notebook source\n{source}".encode()).decode(),
        format=ImportFormat.SOURCE,
        language=WorkspaceLanguage.PYTHON,
        overwrite=True,
    )
    task = jobs.SubmitTask(
        task_key="ingest", existing_cluster_id=cluster_id, notebook_task=jobs.NotebookTask(notebook_path=path)
    )
    run = w.jobs.submit(run_name="e2e-streaming", tasks=[task]).result(timeout=TIMEOUT)
    return run.state.result_state == jobs.RunResultState.SUCCESS


def wait_for_rows(notebook: Notebook, table: str, rows: int) -> tuple[int, int]:
    deadline = time.monotonic() + 120
    while True:
        found = counts(notebook, table) if table_exists(notebook, table) else (0, 0)
        if found[0] >= rows or time.monotonic() > deadline:
            return found
        time.sleep(2)


def table_exists(notebook: Notebook, table: str) -> bool:
    return notebook.run(f"print(spark.catalog.tableExists('{table}'))") == "True"


def test_a_running_stream_interrupted_by_a_cluster_restart_resumes_exactly_once(
    w: WorkspaceClient, cluster: str, names
):
    notebook = Notebook(w, cluster)
    notebook.run(kafka_stream(names, "processingTime='1 second'"))
    produce(names["topic"], range(0, 60))
    assert wait_for_rows(notebook, names["table"], 60) == (60, 60)
    produce(names["topic"], range(60, 80))

    # The restart ends the stream wherever it is; started again, it takes up from its checkpoint.
    notebook.close()
    restart(w, cluster)
    notebook = Notebook(w, cluster)
    try:
        notebook.run(kafka_stream(names, "processingTime='1 second'"))
        produce(names["topic"], range(80, 100))
        assert wait_for_rows(notebook, names["table"], 100) == (100, 100)
        notebook.run("query.stop()")
    finally:
        notebook.close()
        w.tables.delete(names["table"])


def test_auto_loader_ingests_each_new_file_of_a_folder_once(w: WorkspaceClient, cluster: str, names):
    landing, schemas = f"{names['folder']}/landing", f"{names['folder']}/schemas"
    notebook = Notebook(w, cluster)
    load = f"""
query = (spark.readStream.format("cloudFiles")
    .option("cloudFiles.format", "json")
    .option("cloudFiles.schemaLocation", "{schemas}")
    .option("cloudFiles.maxFilesPerTrigger", 1)
    .load("{landing}")
    .writeStream.format("delta")
    .option("checkpointLocation", "{names['checkpoint']}")
    .trigger(availableNow=True)
    .toTable("{names['table']}"))
query.awaitTermination()
print(spark.table("{names['table']}").count())
"""
    try:
        for part in range(2):
            rows = "\n".join(f'{{"id": {part * 10 + i}, "city": "c{i}"}}' for i in range(10))
            notebook.run(f"dbutils.fs.put('{landing}/part-{part}.json', '''{rows}''')")
        assert notebook.run(load) == "20"
        # One trigger per file, as maxFilesPerTrigger asks.
        assert notebook.run("print(len(query.recentProgress))") == "2"
        notebook.run(f"dbutils.fs.put('{landing}/part-2.json', '{{\"id\": 20, \"city\": \"c0\"}}')")
        assert notebook.run(load) == "21"
        # Inferred once and kept: JSON columns as strings, as Auto Loader infers them by default.
        assert notebook.run(f"print(spark.table('{names['table']}').dtypes)") == "[('city', 'string'), ('id', 'string')]"
        assert notebook.run(f"print(len(dbutils.fs.ls('{schemas}/_schemas')))") == "1"
    finally:
        notebook.close()
        w.tables.delete(names["table"])
