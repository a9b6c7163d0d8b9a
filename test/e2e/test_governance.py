"""Identity and permissions through the Databricks SDK and CLI, as an admin and a colleague use them.

An admin adds a colleague (SCIM), gives them CAN_ATTACH_TO on one cluster (the Permissions API),
and the colleague can then do exactly that: see and attach to the cluster, run a command on it,
but not restart, terminate or edit it, and see no other cluster. A Unity Catalog table is read
from the colleague's notebook, job and Databricks Connect session on the admin's shared Spark
cluster only once they hold SELECT on it, and their other work there keeps their own rights.
"""

import base64
import os
import re
import uuid
from datetime import timedelta

import deltalake
import pyarrow as pa
import pytest
from conftest import CliError, run_cli
from databricks.connect import DatabricksSession
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import NotFound, PermissionDenied, Unauthenticated
from databricks.sdk.service import iam
from databricks.sdk.service.catalog import PermissionsChange, Privilege, SecurableType
from databricks.sdk.service.compute import (
    ClusterAccessControlRequest,
    ClusterPermissionLevel,
    CommandStatus,
    Language,
    ResultType,
    State,
)
from databricks.sdk.service.jobs import JobRunAs, NotebookTask, SubmitTask
from databricks.sdk.service.workspace import ImportFormat
from databricks.sdk.service.workspace import Language as WorkspaceLanguage

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


def _external_table(w: WorkspaceClient, catalog: str, name: str, amounts: list[int]) -> str:
    location = f"s3://{os.environ['BRICKYARD_BUCKET']}/external/e2e-gov/{catalog}/{name}"
    deltalake.write_deltalake(location, pa.table({"amount": amounts}), storage_options=_storage_options())
    w.api_client.do(
        "POST",
        "/api/2.1/unity-catalog/tables",
        body={
            "catalog_name": catalog,
            "schema_name": "sales",
            "name": name,
            "table_type": "EXTERNAL",
            "data_source_format": "DELTA",
            "storage_location": location,
        },
    )
    return f"{catalog}.sales.{name}"


@pytest.fixture(scope="module")
def governed_tables(w: WorkspaceClient):
    """Two tables of the admin's, in a catalog the colleague has no grant on: (orders, payroll)."""
    catalog = f"e2e_gov_{uuid.uuid4().hex[:6]}"
    w.catalogs.create(name=catalog)
    w.schemas.create(name="sales", catalog_name=catalog)
    yield _external_table(w, catalog, "orders", [3, 4]), _external_table(w, catalog, "payroll", [100])
    w.catalogs.delete(catalog, force=True)


@pytest.fixture(scope="module")
def spark_cluster(w: WorkspaceClient, colleague):
    """The admin's Spark cluster, on which the colleague holds CAN_ATTACH_TO."""
    user, _, _ = colleague
    cluster_id = (
        w.clusters.create(
            cluster_name=f"e2e-gov-spark-{uuid.uuid4().hex[:6]}",
            spark_version=SPARK_RUNTIME,
            node_type_id="m5d.large",
            num_workers=0,
            autotermination_minutes=30,
        )
        .result(timeout=timedelta(minutes=5))
        .cluster_id
    )
    w.clusters.set_permissions(
        cluster_id,
        access_control_list=[
            ClusterAccessControlRequest(user_name=user.user_name, permission_level=ClusterPermissionLevel.CAN_ATTACH_TO)
        ],
    )
    yield cluster_id
    w.clusters.permanent_delete(cluster_id)


@pytest.fixture(scope="module")
def admin_secret(w: WorkspaceClient):
    scope = f"e2e-gov-{uuid.uuid4().hex[:6]}"
    w.secrets.create_scope(scope=scope)
    w.secrets.put_secret(scope=scope, key="password", string_value="hunter2")
    yield scope
    w.secrets.delete_scope(scope=scope)


def _in_notebook(client: WorkspaceClient, cluster_id: str, command: str) -> str:
    """Runs `command` in a new notebook context of the client's user: its output, or its error."""
    context = client.command_execution.create_and_wait(cluster_id=cluster_id, language=Language.PYTHON, timeout=TIMEOUT)
    try:
        result = client.command_execution.execute_and_wait(
            cluster_id=cluster_id, context_id=context.id, language=Language.PYTHON, command=command, timeout=TIMEOUT
        )
        assert result.status == CommandStatus.FINISHED
        return result.results.summary if result.results.result_type == ResultType.ERROR else result.results.data
    finally:
        client.command_execution.destroy(cluster_id=cluster_id, context_id=context.id)


def _in_job(client: WorkspaceClient, cluster_id: str, table: str) -> str:
    """A one-time run of a notebook of the client's user on the cluster: its exit value, or its error."""
    me = client.current_user.me().user_name
    path = f"/Users/{me}/sum-{uuid.uuid4().hex[:6]}"
    source = (
        "# Databricks notebook source\n"
        f"dbutils.notebook.exit(spark.table('{table}').agg({{'amount': 'sum'}}).first()[0])\n"
    )
    client.workspace.import_(
        path,
        content=base64.b64encode(source.encode()).decode(),
        format=ImportFormat.SOURCE,
        language=WorkspaceLanguage.PYTHON,
        overwrite=True,
    )
    task = SubmitTask(task_key="sum", existing_cluster_id=cluster_id, notebook_task=NotebookTask(notebook_path=path))
    run = client.jobs.submit(run_name="e2e-gov", tasks=[task]).result(timeout=timedelta(minutes=5))
    output = client.jobs.get_run_output(run.tasks[0].run_id)
    return output.notebook_output.result if output.notebook_output and output.notebook_output.result else output.error


def _sum(table: str) -> str:
    return f"print(spark.table('{table}').agg({{'amount': 'sum'}}).first()[0])"


def test_on_a_shared_cluster_each_user_reads_with_their_own_grants(
    w: WorkspaceClient, host: str, colleague, governed_tables, spark_cluster: str, admin_secret: str
):
    """The issue's scenario: an admin shares a cluster (CAN_ATTACH_TO) and one table (SELECT) with a
    colleague, whose notebook, job and Databricks Connect session on that cluster read that table
    and nothing else; the admin's own work on the same cluster keeps the admin's rights."""
    user, client, token = colleague
    orders, payroll = governed_tables
    denied = "PERMISSION_DENIED|does not have"

    assert re.search(denied, _in_notebook(client, spark_cluster, _sum(orders)))
    assert re.search(denied, _in_job(client, spark_cluster, orders))
    spark = DatabricksSession.builder.remote(host=host, token=token, cluster_id=spark_cluster).create()
    try:
        with pytest.raises(Exception, match=denied):
            spark.sql(f"SELECT sum(amount) FROM {orders}").collect()

        catalog, schema, _ = orders.split(".")
        for securable, name, privilege in [
            (SecurableType.CATALOG, catalog, Privilege.USE_CATALOG),
            (SecurableType.SCHEMA, f"{catalog}.{schema}", Privilege.USE_SCHEMA),
            (SecurableType.TABLE, orders, Privilege.SELECT),
        ]:
            w.grants.update(securable.value, name, changes=[PermissionsChange(principal=user.user_name, add=[privilege])])

        assert spark.sql(f"SELECT sum(amount) FROM {orders}").first()[0] == 7
        with pytest.raises(Exception, match=denied):
            spark.sql(f"SELECT sum(amount) FROM {payroll}").collect()
    finally:
        spark.stop()
    assert _in_notebook(client, spark_cluster, _sum(orders)).strip() == "7"
    assert re.search(denied, _in_notebook(client, spark_cluster, _sum(payroll)))
    assert _in_job(client, spark_cluster, orders) == "7"
    assert re.search(denied, _in_job(client, spark_cluster, payroll))
    # Writing takes MODIFY as well: SQL and the DataFrame writer alike.
    for write in [
        f"spark.sql('INSERT INTO {orders} VALUES (5)').collect()",
        f"spark.sql('DELETE FROM {orders} WHERE amount = 3').collect()",
        f"spark.createDataFrame([(6,)], 'amount long').write.mode('append').saveAsTable('{orders}')",
    ]:
        assert re.search(denied, _in_notebook(client, spark_cluster, write)), write
    w.grants.update(SecurableType.TABLE.value, orders, changes=[PermissionsChange(principal=user.user_name, add=[Privilege.MODIFY])])
    _in_notebook(client, spark_cluster, f"spark.sql('INSERT INTO {orders} VALUES (5)').collect()")
    assert _in_notebook(client, spark_cluster, _sum(orders)).strip() == "12"

    # Secrets too are read with the colleague's ACLs, not with the cluster creator's.
    read_secret = f"dbutils.secrets.get('{admin_secret}', 'password')"
    assert "PermissionError" in _in_notebook(client, spark_cluster, read_secret)

    # The admin's own notebook on the same cluster.
    assert _in_notebook(w, spark_cluster, _sum(payroll)).strip() == "100"
    assert _in_notebook(w, spark_cluster, f"print(len({read_secret}))").strip() == "7"


def test_an_execution_context_is_its_creators_alone(w: WorkspaceClient, colleague, spark_cluster: str):
    _, client, _ = colleague
    context = client.command_execution.create_and_wait(cluster_id=spark_cluster, language=Language.PYTHON, timeout=TIMEOUT)
    try:
        with pytest.raises(NotFound):
            w.command_execution.execute(
                cluster_id=spark_cluster, context_id=context.id, command="1", language=Language.PYTHON
            )
    finally:
        client.command_execution.destroy(cluster_id=spark_cluster, context_id=context.id)


def test_only_an_admin_runs_a_job_as_someone_else(w: WorkspaceClient, colleague):
    user, client, _ = colleague
    admin = w.current_user.me().user_name
    with pytest.raises(PermissionDenied, match="Only workspace admins may set run_as"):
        client.jobs.create(name="e2e-run-as", run_as=JobRunAs(user_name=admin))
    job = w.jobs.create(name="e2e-run-as", run_as=JobRunAs(user_name=user.user_name))
    try:
        assert w.jobs.get(job.job_id).run_as_user_name == user.user_name
    finally:
        w.jobs.delete(job.job_id)
