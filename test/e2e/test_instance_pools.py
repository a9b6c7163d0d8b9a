"""Instance pools through the Python SDK, as an admin sets one up for a team.

An admin creates a pool (w.instance_pools), reads it back with its stats and default tags, edits
it, grants a colleague nothing then CAN_ATTACH_TO, and a cluster created on the pool gets the pool's
node type. The cluster runs the runtime without Spark, and the pool keeps no idle instances: the
operator does not keep pools' warm pods yet, so what is under test is the API.
"""

import uuid

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import InvalidParameterValue, NotFound, PermissionDenied
from databricks.sdk.service.iam import AccessControlRequest, PermissionLevel

SPARK_VERSION = "19.3.x-no-spark-scala2.13"


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
