"""Databricks Connect, and plain Spark Connect clients, on Brickyard clusters through the workspace host.

The clients run here, outside the platform, as on a laptop: Databricks Connect asks the REST API for
the cluster, then speaks gRPC over TLS to the same host and port, which checks the token and relays
the calls to the driver of the cluster named by x-databricks-cluster-id. Two clusters serve the
module: one with a worker (UDFs run on its executors) and a single-node one (terminated and started
again by a connect).
"""

import os
import re
import subprocess
import urllib.parse
import uuid
from datetime import timedelta

import pytest
import requests
from databricks.connect import DatabricksSession
from databricks.sdk import AccountClient, WorkspaceClient
from databricks.sdk.core import Config
from databricks.sdk.service.compute import State
from pyspark.errors import AnalysisException
from pyspark.sql.functions import expr, udf
from pyspark.sql.types import StringType

RUNTIME = "19.3.x-scala2.13"
CLUSTER_ID_CONF = "spark.databricks.clusterUsageTags.clusterId"
START_TIMEOUT = timedelta(minutes=5)


def create_cluster(w: WorkspaceClient, workers: int) -> str:
    return w.clusters.create(
        cluster_name=f"e2e-connect-{uuid.uuid4().hex[:6]}",
        spark_version=RUNTIME,
        node_type_id="m5d.large",
        num_workers=workers,
        autotermination_minutes=30,
    ).result(timeout=START_TIMEOUT).cluster_id


@pytest.fixture(scope="module")
def multi_node(w: WorkspaceClient):
    cluster_id = create_cluster(w, workers=1)
    yield cluster_id
    w.clusters.permanent_delete(cluster_id)


@pytest.fixture(scope="module")
def single_node(w: WorkspaceClient):
    cluster_id = create_cluster(w, workers=0)
    yield cluster_id
    w.clusters.permanent_delete(cluster_id)


def connect(cluster_id: str, host: str | None = None, token: str | None = None):
    """A new Databricks Connect session in the form its docs lead with: remote(host, token, cluster_id)."""
    return DatabricksSession.builder.remote(
        host=host or os.environ["DATABRICKS_HOST"],
        token=token or os.environ["DATABRICKS_TOKEN"],
        cluster_id=cluster_id,
    ).create()


def test_dataframes_sql_and_delta_run_on_the_chosen_cluster(w: WorkspaceClient, multi_node: str):
    spark = connect(multi_node)
    try:
        assert spark.conf.get(CLUSTER_ID_CONF) == multi_node
        path = f"dbfs:/tmp/e2e-connect-{uuid.uuid4().hex[:8]}/events"
        events = spark.range(100).withColumn("kind", expr("id % 3"))
        events.write.format("delta").save(path)
        events.where("kind = 0").write.format("delta").mode("append").save(path)
        assert spark.read.format("delta").load(path).count() == 134
        assert spark.sql(f"SELECT count(*) FROM delta.`{path}` WHERE kind = 1").first()[0] == 33
        assert [row.version for row in spark.sql(f"DESCRIBE HISTORY delta.`{path}`").collect()] == [1, 0]
        # Arrow batches come back through the host as they do from Databricks.
        frame = spark.read.format("delta").load(path).orderBy("id").toPandas()
        assert list(frame.columns) == ["id", "kind"] and len(frame) == 134
        w.dbfs.delete(path.rsplit("/", 1)[0], recursive=True)
    finally:
        spark.stop()


def test_a_udf_runs_on_the_executors_of_the_worker_pods(multi_node: str):
    spark = connect(multi_node)
    # Defined here so that it is pickled by value: the executors cannot import this test module.
    pod_name = udf(lambda _id: os.environ.get("BRICKYARD_POD_NAME", ""), StringType())
    try:
        pods = {row[0] for row in spark.range(0, 4, numPartitions=4).select(pod_name("id")).collect()}
        assert pods == {f"{multi_node}-worker-0"}
    finally:
        spark.stop()


def test_a_spark_error_surfaces_as_the_spark_exception(multi_node: str):
    spark = connect(multi_node)
    try:
        with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND"):
            spark.sql("SELECT * FROM no_such_table").collect()
    finally:
        spark.stop()


def test_each_session_reaches_the_cluster_it_names_in_every_form_of_configuration(
    multi_node: str, single_node: str, tmp_path, monkeypatch
):
    host, token = os.environ["DATABRICKS_HOST"], os.environ["DATABRICKS_TOKEN"]
    by_sdk_config = DatabricksSession.builder.sdkConfig(Config(host=host, token=token, cluster_id=single_node)).create()
    over_https = connect(multi_node, host=os.environ["BRICKYARD_HTTPS_HOST"])
    config_file = tmp_path / "databrickscfg"
    config_file.write_text(f"[brickyard]\nhost = {host}\ntoken = {token}\ncluster_id = {single_node}\n")
    monkeypatch.setenv("DATABRICKS_CONFIG_FILE", str(config_file))
    by_profile = DatabricksSession.builder.profile("brickyard").create()
    monkeypatch.setenv("DATABRICKS_CLUSTER_ID", multi_node)
    by_environment = DatabricksSession.builder.create()
    sessions = {by_sdk_config: single_node, over_https: multi_node, by_profile: single_node, by_environment: multi_node}
    try:
        assert [spark.conf.get(CLUSTER_ID_CONF) for spark in sessions] == list(sessions.values())
        assert by_sdk_config.range(7).count() == 7
    finally:
        for spark in sessions:
            spark.stop()


def test_a_terminated_cluster_is_started_by_connecting_to_it(w: WorkspaceClient, single_node: str):
    w.clusters.delete(single_node).result(timeout=START_TIMEOUT)
    assert w.clusters.get(single_node).state == State.TERMINATED
    spark = connect(single_node)
    try:
        assert spark.range(5).count() == 5
        assert w.clusters.get(single_node).state == State.RUNNING
    finally:
        spark.stop()


def spark_connect_url(cluster_id: str, token: str, tls: bool) -> str:
    """An sc:// URL to the workspace host: gRPC sends a token in plaintext only to the host `localhost`."""
    port = urllib.parse.urlparse(os.environ["DATABRICKS_HOST"]).port
    host = "127.0.0.1" if tls else "localhost"
    return f"sc://{host}:{port}/;use_ssl={str(tls).lower()};token={token};x-databricks-cluster-id={cluster_id}"


def run_plain_pyspark(url: str) -> subprocess.CompletedProcess:
    """Apache Spark's own Python client (the runtime's pyspark), not Databricks Connect."""
    python = os.path.join(os.environ["BRICKYARD_SPARK_RUNTIME"], "venv", "bin", "python3")
    code = (
        "import sys\n"
        "from pyspark.sql import SparkSession\n"
        "spark = SparkSession.builder.remote(sys.argv[1]).getOrCreate()\n"
        "print(spark.range(6).count(), spark.conf.get('spark.databricks.clusterUsageTags.clusterId'))\n"
    )
    return subprocess.run([python, "-c", code, url], capture_output=True, text=True, timeout=180)


@pytest.mark.parametrize("tls", [False, True], ids=["plaintext to localhost", "over TLS"])
def test_a_plain_pyspark_client_connects_with_an_sc_url_and_the_token(multi_node: str, tls: bool):
    completed = run_plain_pyspark(spark_connect_url(multi_node, os.environ["DATABRICKS_TOKEN"], tls))
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert completed.stdout.split() == ["6", multi_node]


def test_a_bad_token_is_refused_before_the_cluster(multi_node: str):
    completed = run_plain_pyspark(spark_connect_url(multi_node, "dapi-not-a-token", tls=True))
    assert completed.returncode != 0
    assert "UNAUTHENTICATED" in completed.stderr and "Invalid access token" in completed.stderr


@pytest.fixture
def foreign_token(a: AccountClient, host: str, unique_name: str):
    """A token of another workspace of the account, made with the account admin's token."""
    workspace = a.workspaces.create(workspace_name=unique_name).result()
    response = requests.post(
        f"{host}/api/2.0/token/create",
        headers={
            "Authorization": f"Bearer {os.environ['BRICKYARD_ACCOUNT_TOKEN']}",
            "X-Databricks-Org-Id": str(workspace.workspace_id),
        },
        json={"comment": "e2e foreign workspace", "lifetime_seconds": 600},
        timeout=30,
    )
    response.raise_for_status()
    yield response.json()["token_value"]
    a.workspaces.delete(workspace.workspace_id)


def test_a_cluster_of_another_workspace_is_not_reachable(multi_node: str, foreign_token: str):
    completed = run_plain_pyspark(spark_connect_url(multi_node, foreign_token, tls=True))
    assert completed.returncode != 0
    assert f"Cluster {multi_node} does not exist" in completed.stderr
    with pytest.raises(Exception, match="does not exist"):
        connect(multi_node, token=foreign_token)


def test_the_spark_ui_and_the_master_page_load_through_the_driver_proxy(
    host: str, multi_node: str, default_workspace_id: int
):
    """As a browser sees them: Basic auth with the token as password, links under the proxy's path."""
    auth = ("token", os.environ["DATABRICKS_TOKEN"])
    base = f"/driver-proxy/o/{default_workspace_id}/{multi_node}/4040"
    page = requests.get(f"{host}{base}", auth=auth, timeout=30)
    assert page.status_code == 200 and page.url == f"{host}{base}/jobs/"
    assert "Spark Jobs" in page.text
    links = re.findall(r'href="(/[^"]*)"', page.text)
    assert links and all(link.startswith(f"{base}/") for link in links)
    assert requests.get(f"{host}{base}/stages/", auth=auth, timeout=30).status_code == 200
    applications = requests.get(f"{host}{base}/api/v1/applications", auth=auth, timeout=30).json()
    assert [app["name"] for app in applications] == ["Databricks Shell"]

    master = requests.get(f"{host}/driver-proxy/o/{default_workspace_id}/{multi_node}/8080/", auth=auth, timeout=30)
    assert master.status_code == 200 and "Spark Master at spark://" in master.text

    challenged = requests.get(f"{host}{base}/jobs/", timeout=30)
    assert challenged.status_code == 401 and challenged.headers["www-authenticate"].startswith("Basic ")
