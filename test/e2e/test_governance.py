"""Identity and permissions through the Databricks SDK and CLI, as an admin and a colleague use them.

An admin adds a colleague (SCIM), gives them CAN_ATTACH_TO on one cluster (the Permissions API),
and the colleague can then do exactly that: see and attach to the cluster, run a command on it,
but not restart, terminate or edit it, and see no other cluster. A Unity Catalog table is read
from the colleague's own Spark (Databricks Connect) only once they hold SELECT on it.
"""

import os
import uuid
from datetime import timedelta

import deltalake
import pyarrow as pa
import pytest
from conftest import CliError, run_cli
from databricks.connect import DatabricksSession
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import PermissionDenied, Unauthenticated
from databricks.sdk.service import iam
from databricks.sdk.service.catalog import PermissionsChange, Privilege, SecurableType
from databricks.sdk.service.compute import (
    ClusterAccessControlRequest,
    ClusterPermissionLevel,
    CommandStatus,
    Language,
    State,
)

LIGHT_RUNTIME = "19.3.x-no-spark-scala2.13"
TIMEOUT = timedelta(minutes=3)
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def _cluster(w: WorkspaceClient, name: str) -> str:
    created = w.clusters.create(
        cluster_name=name, spark_version=LIGHT_RUNTIME, node_type_id="m5d.large", num_workers=0
    ).result(timeout=TIMEOUT)
    assert created.state == State.RUNNING
    return created.cluster_id


@pytest.fixture(scope="module")
def clusters(w: WorkspaceClient):
    """Two clusters of the admin: the one shared with the colleague, and one that is not."""
    shared = _cluster(w, f"e2e-shared-{uuid.uuid4().hex[:6]}")
    private = _cluster(w, f"e2e-private-{uuid.uuid4().hex[:6]}")
    yield shared, private
    for cluster_id in (shared, private):
        w.clusters.permanent_delete(cluster_id)


@pytest.fixture(scope="module")
def colleague(w: WorkspaceClient, host: str):
    """A user the admin adds, with the token that stands in for their signing in."""
    user = w.users.create(user_name=f"colleague-{uuid.uuid4().hex[:6]}@example.com", display_name="Colleague")
    token = w.api_client.do("POST", f"/api/2.0/brickyard/users/{user.id}/tokens", body={"lifetime_seconds": 3600})
    yield user, WorkspaceClient(host=host, token=token["token_value"], auth_type="pat"), token["token_value"]
    w.users.delete(user.id)


def test_the_colleague_is_a_user_of_the_workspace_and_no_admin(w: WorkspaceClient, colleague):
    user, client, _ = colleague
    me = client.current_user.me()
    assert me.user_name == user.user_name
    assert [group.display for group in me.groups] == ["users"]
    found = list(w.users.list(filter=f'userName eq "{user.user_name}"'))
    assert [u.id for u in found] == [user.id]


def test_a_cluster_is_its_creators_until_shared(clusters, colleague):
    shared, private = clusters
    _, client, _ = colleague
    with pytest.raises(PermissionDenied):
        client.clusters.get(shared)
    assert shared not in [c.cluster_id for c in client.clusters.list()]


def test_can_attach_to_lets_the_colleague_attach_and_nothing_more(w: WorkspaceClient, clusters, colleague):
    shared, private = clusters
    user, client, token = colleague
    w.clusters.set_permissions(
        shared,
        access_control_list=[
            ClusterAccessControlRequest(
                user_name=user.user_name, permission_level=ClusterPermissionLevel.CAN_ATTACH_TO
            )
        ],
    )
    acl = w.clusters.get_permissions(shared).access_control_list
    assert any(
        entry.user_name == user.user_name and entry.all_permissions[0].permission_level == ClusterPermissionLevel.CAN_ATTACH_TO
        for entry in acl
    )

    assert client.clusters.get(shared).cluster_id == shared
    assert [c.cluster_id for c in client.clusters.list()] == [shared]
    context = client.command_execution.create_and_wait(cluster_id=shared, language=Language.PYTHON, timeout=TIMEOUT)
    result = client.command_execution.execute_and_wait(
        cluster_id=shared, context_id=context.id, language=Language.PYTHON, command="print(6 * 7)", timeout=TIMEOUT
    )
    assert result.status == CommandStatus.FINISHED
    assert result.results.data.strip() == "42"

    with pytest.raises(PermissionDenied):
        client.clusters.restart(shared)
    with pytest.raises(PermissionDenied):
        client.clusters.delete(shared)
    with pytest.raises(PermissionDenied):
        client.clusters.edit(shared, spark_version=LIGHT_RUNTIME, num_workers=0)
    with pytest.raises(PermissionDenied):
        client.clusters.get(private)
    with pytest.raises(PermissionDenied):
        client.clusters.get_permissions(shared)

    # The CLI as the colleague: the same rights.
    assert run_cli("clusters", "get", shared, token=token)["cluster_id"] == shared
    with pytest.raises(CliError) as refused:
        run_cli("clusters", "delete", shared, "--no-wait", token=token)
    assert "does not have Can Restart permissions" in refused.value.stderr


def test_a_group_grant_reaches_its_members(w: WorkspaceClient, clusters, colleague):
    _, private = clusters
    user, client, _ = colleague
    group = w.groups.create(display_name=f"e2e-team-{uuid.uuid4().hex[:6]}", members=[iam.ComplexValue(value=user.id)])
    try:
        w.permissions.update(
            "clusters",
            private,
            access_control_list=[iam.AccessControlRequest(group_name=group.display_name, permission_level=iam.PermissionLevel.CAN_RESTART)],
        )
        assert client.clusters.get(private).cluster_id == private
        w.groups.patch(
            group.id,
            operations=[iam.Patch(op=iam.PatchOp.REMOVE, path=f'members[value eq "{user.id}"]')],
            schemas=[iam.PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP],
        )
        with pytest.raises(PermissionDenied):
            client.clusters.get(private)
    finally:
        w.groups.delete(group.id)


def test_an_admin_by_group_and_a_deactivated_user(w: WorkspaceClient, colleague):
    user, client, _ = colleague
    admins = next(iter(w.groups.list(filter='displayName eq "admins"')))
    w.groups.patch(
        admins.id,
        operations=[iam.Patch(op=iam.PatchOp.ADD, value={"members": [{"value": user.id}]})],
        schemas=[iam.PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP],
    )
    assert len(list(client.token_management.list())) > 0
    w.groups.patch(
        admins.id,
        operations=[iam.Patch(op=iam.PatchOp.REMOVE, path=f'members[value eq "{user.id}"]')],
        schemas=[iam.PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP],
    )
    with pytest.raises(PermissionDenied):
        list(client.token_management.list())
    # The SDK leaves a value of False out of a Patch, so deactivation goes through its API client.
    w.api_client.do(
        "PATCH",
        f"/api/2.0/preview/scim/v2/Users/{user.id}",
        body={"schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "active", "value": False}]},
    )
    with pytest.raises((PermissionDenied, Unauthenticated)):
        client.current_user.me()
    w.users.patch(
        user.id,
        operations=[iam.Patch(op=iam.PatchOp.REPLACE, path="active", value=True)],
        schemas=[iam.PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP],
    )
    assert client.current_user.me().user_name == user.user_name


def test_the_sdk_pages_users_to_the_end(w: WorkspaceClient):
    created = [w.users.create(user_name=f"page-{i}-{uuid.uuid4().hex[:6]}@example.com") for i in range(3)]
    try:
        names = [u.user_name for u in w.users.list(filter='userName sw "page-"', count=2)]
        for user in created:
            assert user.user_name in names
    finally:
        for user in created:
            w.users.delete(user.id)


SPARK_RUNTIME = "19.3.x-scala2.13"


def _storage_options() -> dict[str, str]:
    return {
        "AWS_ENDPOINT_URL": os.environ["AWS_ENDPOINT_URL_S3"],
        "AWS_ACCESS_KEY_ID": os.environ["AWS_ACCESS_KEY_ID"],
        "AWS_SECRET_ACCESS_KEY": os.environ["AWS_SECRET_ACCESS_KEY"],
        "AWS_REGION": os.environ["AWS_REGION"],
        "AWS_ALLOW_HTTP": "true",
        "AWS_S3_ALLOW_UNSAFE_RENAME": "true",
    }


@pytest.fixture(scope="module")
def governed_table(w: WorkspaceClient):
    """A table of the admin's with two rows, in a catalog the colleague has no grant on."""
    catalog = f"e2e_gov_{uuid.uuid4().hex[:6]}"
    w.catalogs.create(name=catalog)
    w.schemas.create(name="sales", catalog_name=catalog)
    location = f"s3://{os.environ['BRICKYARD_BUCKET']}/external/e2e-gov/{catalog}"
    deltalake.write_deltalake(location, pa.table({"amount": [3, 4]}), storage_options=_storage_options())
    w.api_client.do(
        "POST",
        "/api/2.1/unity-catalog/tables",
        body={
            "catalog_name": catalog,
            "schema_name": "sales",
            "name": "orders",
            "table_type": "EXTERNAL",
            "data_source_format": "DELTA",
            "storage_location": location,
        },
    )
    yield f"{catalog}.sales.orders"
    w.catalogs.delete(catalog, force=True)


def test_select_decides_whether_the_colleagues_notebook_reads_a_table(
    w: WorkspaceClient, host: str, colleague, governed_table: str
):
    """On a cluster of their own, the colleague's Spark reads a table only once granted SELECT."""
    _, client, token = colleague
    cluster_id = client.clusters.create(
        cluster_name=f"e2e-colleague-{uuid.uuid4().hex[:6]}",
        spark_version=SPARK_RUNTIME,
        node_type_id="m5d.large",
        num_workers=0,
        autotermination_minutes=30,
    ).result(timeout=timedelta(minutes=5)).cluster_id
    spark = DatabricksSession.builder.remote(host=host, token=token, cluster_id=cluster_id).create()
    try:
        with pytest.raises(Exception, match="PERMISSION_DENIED|does not have"):
            spark.sql(f"SELECT sum(amount) FROM {governed_table}").collect()
        user_name = client.current_user.me().user_name
        catalog, schema, _ = governed_table.split(".")
        for securable, name, privilege in [
            (SecurableType.CATALOG, catalog, Privilege.USE_CATALOG),
            (SecurableType.SCHEMA, f"{catalog}.{schema}", Privilege.USE_SCHEMA),
            (SecurableType.TABLE, governed_table, Privilege.SELECT),
        ]:
            w.grants.update(
                securable.value, name, changes=[PermissionsChange(principal=user_name, add=[privilege])]
            )
        assert spark.sql(f"SELECT sum(amount) FROM {governed_table}").first()[0] == 7
    finally:
        spark.stop()
        w.clusters.permanent_delete(cluster_id)
