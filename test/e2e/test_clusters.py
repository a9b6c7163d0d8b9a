"""Clusters through the Python SDK and the CLI: create, get, list, terminate, delete."""

from databricks.sdk import WorkspaceClient
from databricks.sdk.service.compute import State

from conftest import run_cli


def test_the_sdk_picks_a_runtime_and_node_type_from_the_catalog(w: WorkspaceClient):
    # Spark 4 runtimes are Scala 2.13 only, as on Databricks from 17.0: the SDK's default is 2.12.
    assert w.clusters.select_spark_version(latest=True, scala="2.13") == "19.3.x-scala2.13"
    assert w.clusters.select_spark_version(latest=True, ml=True, scala="2.13") == "19.3.x-cpu-ml-scala2.13"
    assert w.clusters.select_node_type(local_disk=True, min_memory_gb=8)


def test_a_cluster_created_through_the_sdk_is_seen_at_once(w: WorkspaceClient, unique_name: str):
    version = w.clusters.select_spark_version(latest=True, scala="2.13")
    cluster_id = w.clusters.create(
        cluster_name=unique_name,
        spark_version=version,
        node_type_id="m5d.large",
        num_workers=1,
        autotermination_minutes=30,
        custom_tags={"team": "e2e"},
    ).cluster_id
    try:
        details = w.clusters.get(cluster_id)
        assert details.cluster_name == unique_name
        assert details.state in (State.PENDING, State.RUNNING)
        assert details.custom_tags == {"team": "e2e"}
        assert cluster_id in [c.cluster_id for c in w.clusters.list()]

        w.clusters.delete(cluster_id)  # terminate: the configuration is kept
        assert w.clusters.get(cluster_id).cluster_name == unique_name
    finally:
        w.clusters.permanent_delete(cluster_id)
    assert cluster_id not in [c.cluster_id for c in w.clusters.list()]


def test_the_cli_creates_lists_and_deletes_a_cluster(unique_name: str):
    created = run_cli(
        "clusters",
        "create",
        "--no-wait",
        "--json",
        f'{{"cluster_name": "{unique_name}", "spark_version": "19.3.x-no-spark-scala2.13", "num_workers": 0}}',
    )
    cluster_id = created["cluster_id"]
    try:
        assert run_cli("clusters", "get", cluster_id)["cluster_name"] == unique_name
        assert cluster_id in [c["cluster_id"] for c in run_cli("clusters", "list")]
    finally:
        run_cli("clusters", "permanent-delete", cluster_id)


def test_a_cluster_runs_resizes_restarts_and_comes_back_after_termination(w: WorkspaceClient, unique_name: str):
    details = w.clusters.create_and_wait(
        cluster_name=unique_name, spark_version="19.3.x-no-spark-scala2.13", node_type_id="m5d.large", num_workers=1
    )
    cluster_id = details.cluster_id
    try:
        assert details.state == State.RUNNING
        assert len(details.executors) == 1

        resized = w.clusters.resize_and_wait(cluster_id, num_workers=2)
        assert resized.state == State.RUNNING and len(resized.executors) == 2

        restarted = w.clusters.restart_and_wait(cluster_id)
        assert restarted.state == State.RUNNING and restarted.last_restarted_time

        terminated = w.clusters.delete_and_wait(cluster_id)
        assert terminated.state == State.TERMINATED
        assert terminated.termination_reason.code.value == "USER_REQUEST"

        started = w.clusters.start_and_wait(cluster_id)
        assert started.state == State.RUNNING

        event_types = {event.type.value for event in w.clusters.events(cluster_id)}
        assert {"CREATING", "RUNNING", "RESIZING", "RESTARTING", "TERMINATING"} <= event_types
    finally:
        w.clusters.permanent_delete(cluster_id)
