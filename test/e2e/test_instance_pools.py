"""Instance pools through the Python SDK, as an admin sets one up for a team.

An admin creates a pool (w.instance_pools), reads it back with its stats and default tags, edits
it, grants a colleague nothing then CAN_ATTACH_TO, and a cluster created on the pool gets the pool's
node type. A pool with a minimum of idle instances and a preloaded Spark version keeps a warm pod
(its Spark driver started and warmed up); a single-node cluster takes it as its driver and runs
Spark on it as the cluster, and the pool starts another. A cluster whose spark_conf differs from
the warm driver's takes the pod too, and its driver starts afresh with its settings; a cluster with
workers takes its driver and its worker from a pool of idle pods without Spark.
"""

import time
import uuid
from datetime import timedelta

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import InvalidParameterValue, NotFound, PermissionDenied
from databricks.sdk.service.compute import CommandStatus, InstancePoolStats, Language
from databricks.sdk.service.iam import AccessControlRequest, PermissionLevel

SPARK_VERSION = "19.3.x-no-spark-scala2.13"
SPARK_RUNTIME = "19.3.x-scala2.13"
START_TIMEOUT = timedelta(minutes=5)


@pytest.fixture
def colleague(w: WorkspaceClient, host: str):
    """A user the admin adds, and a client with the token that stands in for their signing in."""
    user = w.users.create(user_name=f"colleague-{uuid.uuid4().hex[:6]}@example.com", display_name="Colleague")
    token = w.api_client.do("POST", f"/api/2.0/brickyard/users/{user.id}/tokens", body={"lifetime_seconds": 3600})
    yield user.user_name, WorkspaceClient(host=host, token=token["token_value"], auth_type="pat")
    w.users.delete(user.id)


@pytest.fixture
def pool(w: WorkspaceClient, unique_name: str):
    created = w.instance_pools.create(
        instance_pool_name=unique_name,
        node_type_id="m5d.xlarge",
        min_idle_instances=0,
        max_capacity=3,
        idle_instance_autotermination_minutes=15,
        custom_tags={"team": "data"},
    )
    yield created.instance_pool_id
    w.instance_pools.delete(created.instance_pool_id)


def test_a_pool_is_created_read_listed_and_edited(w: WorkspaceClient, pool: str, unique_name: str):
    got = w.instance_pools.get(pool)
    assert got.instance_pool_name == unique_name
    assert got.node_type_id == "m5d.xlarge"
    assert got.max_capacity == 3
    assert got.state.value == "ACTIVE"
    assert got.stats.idle_count == 0 and got.stats.used_count == 0
    assert got.default_tags["DatabricksInstancePoolId"] == pool
    assert pool in [listed.instance_pool_id for listed in w.instance_pools.list()]

    w.instance_pools.edit(pool, instance_pool_name=f"{unique_name}-2", node_type_id="m5d.xlarge", max_capacity=5)
    assert w.instance_pools.get(pool).max_capacity == 5

    with pytest.raises(InvalidParameterValue, match="min_idle_instances"):
        w.instance_pools.create(instance_pool_name="x", node_type_id="m5d.large", min_idle_instances=4, max_capacity=2)


def test_a_cluster_on_a_pool_takes_its_node_type(w: WorkspaceClient, pool: str):
    cluster_id = w.clusters.create(spark_version=SPARK_VERSION, num_workers=0, instance_pool_id=pool).cluster_id
    try:
        cluster = w.clusters.get(cluster_id)
        assert cluster.instance_pool_id == pool
        assert cluster.node_type_id == "m5d.xlarge"
    finally:
        w.clusters.permanent_delete(cluster_id)


def test_a_colleague_attaches_only_with_can_attach_to(w: WorkspaceClient, colleague, pool: str):
    me, client = colleague
    with pytest.raises(PermissionDenied):
        client.instance_pools.get(pool)
    levels = w.instance_pools.get_permission_levels(pool).permission_levels
    assert [level.permission_level.value for level in levels] == ["CAN_ATTACH_TO", "CAN_MANAGE"]
    w.instance_pools.update_permissions(
        pool,
        access_control_list=[AccessControlRequest(user_name=me, permission_level=PermissionLevel.CAN_ATTACH_TO)],
    )
    assert client.instance_pools.get(pool).instance_pool_id == pool


def test_a_deleted_pool_is_gone(w: WorkspaceClient, unique_name: str):
    pool_id = w.instance_pools.create(instance_pool_name=unique_name, node_type_id="m5d.large").instance_pool_id
    w.instance_pools.delete(pool_id)
    with pytest.raises(NotFound):
        w.instance_pools.get(pool_id)


@pytest.fixture
def warm_pool(w: WorkspaceClient, unique_name: str):
    created = w.instance_pools.create(
        instance_pool_name=f"{unique_name}-warm",
        node_type_id="m5d.large",
        min_idle_instances=1,
        max_capacity=3,
        idle_instance_autotermination_minutes=10,
        preloaded_spark_versions=[SPARK_RUNTIME],
    )
    yield created.instance_pool_id
    w.instance_pools.delete(created.instance_pool_id)


def wait_for_stats(w: WorkspaceClient, pool: str, done, what: str) -> InstancePoolStats:
    deadline = time.monotonic() + 180
    while True:
        stats = w.instance_pools.get(pool).stats
        if done(stats):
            return stats
        assert time.monotonic() < deadline, f"the pool never had {what}: {stats}"
        time.sleep(1)


def run_python(w: WorkspaceClient, cluster_id: str, command: str) -> str:
    context = w.command_execution.create_and_wait(cluster_id=cluster_id, language=Language.PYTHON)
    try:
        result = w.command_execution.execute_and_wait(
            cluster_id=cluster_id, context_id=context.id, language=Language.PYTHON, command=command
        )
        assert result.status == CommandStatus.FINISHED, result
        assert result.results.result_type.value == "text", result.results
        return result.results.data
    finally:
        w.command_execution.destroy(cluster_id=cluster_id, context_id=context.id)


def test_a_cluster_takes_a_warm_instance_of_its_pool(w: WorkspaceClient, warm_pool: str, unique_name: str):
    wait_for_stats(w, warm_pool, lambda stats: stats.idle_count == 1, "a warm idle instance")

    # Databricks' single-node form, as its UI and Terraform configurations make it.
    cluster = w.clusters.create(
        cluster_name=f"{unique_name}-on-pool",
        spark_version=SPARK_RUNTIME,
        num_workers=0,
        instance_pool_id=warm_pool,
        spark_conf={"spark.databricks.cluster.profile": "singleNode", "spark.master": "local[*]"},
        custom_tags={"ResourceClass": "SingleNode"},
    ).result(timeout=START_TIMEOUT)
    try:
        assert cluster.driver.node_id.startswith(f"{warm_pool}-"), cluster.driver
        # The pod is the cluster's now: the pool counts it used and starts another to keep its minimum.
        wait_for_stats(
            w,
            warm_pool,
            lambda stats: stats.used_count == 1 and stats.idle_count + stats.pending_idle_count == 1,
            "one used instance and a new idle one",
        )
        table = f"main.default.pool_{uuid.uuid4().hex[:8]}"
        out = run_python(
            w,
            cluster.cluster_id,
            "print(spark.conf.get('spark.databricks.clusterUsageTags.clusterId'))\n"
            # Only a driver started warm, in standby, has the pool's plugin: this one was not restarted.
            "print(spark.conf.get('spark.plugins', ''))\n"
            f"spark.range(3).write.saveAsTable('{table}')\n"
            f"print(spark.table('{table}').count())\n"
            f"_ = spark.sql('DROP TABLE {table}')",
        )
        assert out.split("\n") == [cluster.cluster_id, "dev.brickyard.pool.PoolAdoption", "3"]
    finally:
        w.clusters.permanent_delete(cluster.cluster_id)


def test_a_cluster_unlike_the_warm_driver_starts_its_own_on_a_pool_instance(
    w: WorkspaceClient, warm_pool: str, unique_name: str
):
    wait_for_stats(w, warm_pool, lambda stats: stats.idle_count == 1, "a warm idle instance")

    cluster = w.clusters.create(
        cluster_name=f"{unique_name}-own-conf",
        spark_version=SPARK_RUNTIME,
        num_workers=0,
        instance_pool_id=warm_pool,
        spark_conf={"spark.sql.shuffle.partitions": "3"},
    ).result(timeout=START_TIMEOUT)
    try:
        assert cluster.driver.node_id.startswith(f"{warm_pool}-"), cluster.driver
        out = run_python(
            w,
            cluster.cluster_id,
            "print(spark.conf.get('spark.sql.shuffle.partitions'))\n"
            "print(spark.conf.get('spark.databricks.clusterUsageTags.clusterId'))\n"
            "print(spark.conf.get('spark.plugins', '') or 'started afresh')",
        )
        assert out.split("\n") == ["3", cluster.cluster_id, "started afresh"]
    finally:
        w.clusters.permanent_delete(cluster.cluster_id)



def test_a_cluster_with_workers_takes_its_driver_and_workers_from_a_pool(w: WorkspaceClient, unique_name: str):
    # No preloaded version: the idle pods run no JVMs, and each starts the cluster's Spark once adopted.
    pool = w.instance_pools.create(
        instance_pool_name=f"{unique_name}-light", node_type_id="m5d.large", min_idle_instances=2, max_capacity=4
    ).instance_pool_id
    try:
        wait_for_stats(w, pool, lambda stats: stats.idle_count == 2, "two idle instances")
        cluster = w.clusters.create(
            cluster_name=f"{unique_name}-workers", spark_version=SPARK_RUNTIME, num_workers=1, instance_pool_id=pool
        ).result(timeout=START_TIMEOUT)
        try:
            assert cluster.driver.node_id.startswith(f"{pool}-"), cluster.driver
            assert [node.node_id.startswith(f"{pool}-") for node in cluster.executors] == [True]
            out = run_python(
                w, cluster.cluster_id, "print(spark.range(100).repartition(4).count(), spark.conf.get('spark.master'))"
            )
            assert out.startswith("100 spark://"), out
        finally:
            w.clusters.permanent_delete(cluster.cluster_id)
    finally:
        w.instance_pools.delete(pool)
