"""A SQL warehouse reads Unity Catalog with each statement's caller's own grants.

An admin's warehouse is shared with a colleague (CAN_USE). The colleague's statements run on it,
through the Statement Execution API (the SDK) and the SQL connectors' endpoint
(databricks-sql-connector), but read the admin's table only once the colleague holds SELECT on it
(with USE CATALOG and USE SCHEMA), as on Databricks, not with the rights of the warehouse's
creator. The admin's own statements on the same warehouse keep the admin's rights.
"""

import base64
import re
import uuid
from datetime import timedelta

import pytest
from databricks import sql
from databricks.sdk import WorkspaceClient
from databricks.sdk.service import jobs
from databricks.sdk.service.catalog import PermissionsChange, Privilege, SecurableType
from databricks.sdk.service.sql import (
    StatementState,
    WarehouseAccessControlRequest,
    WarehousePermissionLevel,
)
from databricks.sdk.service.workspace import ImportFormat

WAIT = "50s"


@pytest.fixture(scope="module")
def warehouse(w: WorkspaceClient):
    created = w.warehouses.create_and_wait(
        name=f"e2e-grants-{uuid.uuid4().hex[:8]}",
        cluster_size="2X-Small",
        auto_stop_mins=10,
        timeout=timedelta(minutes=5),
    )
    yield created.id
    w.warehouses.delete(created.id)


@pytest.fixture(scope="module")
def colleague(w: WorkspaceClient, host: str, warehouse: str):
    """A user the admin adds and lets use the warehouse, with the token of their signing in."""
    user = w.users.create(user_name=f"colleague-{uuid.uuid4().hex[:6]}@example.com", display_name="Colleague")
    token = w.api_client.do("POST", f"/api/2.0/brickyard/users/{user.id}/tokens", body={"lifetime_seconds": 3600})
    w.warehouses.set_permissions(
        warehouse,
        access_control_list=[
            WarehouseAccessControlRequest(user_name=user.user_name, permission_level=WarehousePermissionLevel.CAN_USE)
        ],
    )
    yield user.user_name, WorkspaceClient(host=host, token=token["token_value"], auth_type="pat"), token["token_value"]
    w.users.delete(user.id)


def _run(client: WorkspaceClient, warehouse: str, statement: str):
    return client.statement_execution.execute_statement(statement=statement, warehouse_id=warehouse, wait_timeout=WAIT)


@pytest.fixture(scope="module")
def table(w: WorkspaceClient, warehouse: str):
    """The admin's table, made by the admin's own statement on the warehouse."""
    catalog = f"e2e_wh_grants_{uuid.uuid4().hex[:6]}"
    w.catalogs.create(name=catalog)
    w.schemas.create(name="sales", catalog_name=catalog)
    name = f"{catalog}.sales.orders"
    created = _run(w, warehouse, f"CREATE TABLE {name} AS SELECT * FROM VALUES (3), (4) AS t(amount)")
    assert created.status.state == StatementState.SUCCEEDED, created.status
    yield name
    w.catalogs.delete(catalog, force=True)


def _connect(host: str, warehouse: str, token: str, **options):
    path = f"/sql/1.0/warehouses/{warehouse}"
    return sql.connect(
        server_hostname=host, http_path=path, access_token=token, _connection_uri=f"{host}{path}", **options
    )


def _grant_select(w: WorkspaceClient, user_name: str, table: str) -> None:
    catalog, schema, _ = table.split(".")
    for securable, name, privilege in [
        (SecurableType.CATALOG, catalog, Privilege.USE_CATALOG),
        (SecurableType.SCHEMA, f"{catalog}.{schema}", Privilege.USE_SCHEMA),
        (SecurableType.TABLE, table, Privilege.SELECT),
    ]:
        w.grants.update(securable.value, name, changes=[PermissionsChange(principal=user_name, add=[privilege])])


def _sql_task_run(client: WorkspaceClient, user_name: str, warehouse: str, query: str):
    """A one-time run of a sql_task file of the user's on the warehouse: the task's run output."""
    path = f"/Users/{user_name}/grants-{uuid.uuid4().hex[:6]}.sql"
    client.workspace.import_(
        path, content=base64.b64encode(query.encode()).decode(), format=ImportFormat.RAW, overwrite=True
    )
    task = jobs.SubmitTask(
        task_key="sum", sql_task=jobs.SqlTask(warehouse_id=warehouse, file=jobs.SqlTaskFile(path=path))
    )
    run = client.jobs.submit(run_name="e2e-grants", tasks=[task]).result(timeout=timedelta(minutes=5))
    return run.state.result_state, client.jobs.get_run_output(run.tasks[0].run_id)


def test_a_jobs_sql_task_reads_with_its_run_as_users_grants(w: WorkspaceClient, warehouse: str, colleague, table: str):
    user_name, client, _ = colleague
    query = f"SELECT sum(amount) FROM {table}"
    result, output = _sql_task_run(client, user_name, warehouse, query)
    assert result == jobs.RunResultState.FAILED
    assert re.search("PERMISSION_DENIED|does not have", output.error), output.error
    admin = w.current_user.me().user_name
    result, output = _sql_task_run(w, admin, warehouse, query)
    assert result == jobs.RunResultState.SUCCESS, output.error
    assert "7" in output.logs


def test_the_colleague_reads_the_admins_table_on_the_admins_warehouse_only_with_select(
    w: WorkspaceClient, host: str, warehouse: str, colleague, table: str
):
    user_name, client, token = colleague
    query = f"SELECT sum(amount) FROM {table}"

    refused = _run(client, warehouse, query)
    assert refused.status.state == StatementState.FAILED
    assert "PERMISSION_DENIED" in refused.status.error.message or "does not have" in refused.status.error.message
    with _connect(host, warehouse, token) as conn, conn.cursor() as cursor:
        with pytest.raises(sql.exc.Error, match="PERMISSION_DENIED|does not have"):
            cursor.execute(query)
    # Nor does a session become someone else's by changing its settings: a catalog made after a
    # RESET has no caller (no one's grants), one made after a forged credential is refused.
    catalog = table.split(".")[0]
    for change, refusal in [
        ("RESET", "System-User does not have USE CATALOG"),
        (f"SET spark.brickyard.computeCaller.token = dbcc{'0' * 64}", "Invalid compute caller credential"),
    ]:
        with _connect(host, warehouse, token) as conn, conn.cursor() as cursor:
            cursor.execute(change)
            cursor.execute(f"SET spark.sql.catalog.{catalog} = dev.brickyard.catalog.UnityCatalog")
            with pytest.raises(sql.exc.Error, match=refusal):
                cursor.execute(query)
    # The warehouse's creator still reads it on the same warehouse, with the creator's own grants.
    assert _run(w, warehouse, query).result.data_array == [["7"]]

    _grant_select(w, user_name, table)
    granted = _run(client, warehouse, query)
    assert granted.status.state == StatementState.SUCCEEDED, granted.status
    assert granted.result.data_array == [["7"]]
    with _connect(host, warehouse, token) as conn, conn.cursor() as cursor:
        cursor.execute(query)
        assert cursor.fetchall()[0][0] == 7


def test_a_session_cannot_name_its_own_caller(host: str, warehouse: str, colleague):
    _, _, token = colleague
    with pytest.raises(sql.exc.Error, match="CONFIG_NOT_AVAILABLE"):
        with _connect(
            host, warehouse, token, session_configuration={"spark.brickyard.computeCaller.token": "dbcc" + "0" * 64}
        ) as conn, conn.cursor() as cursor:
            cursor.execute("SELECT 1")


def test_system_access_audit_is_the_audit_log_for_workspace_admins_only(
    w: WorkspaceClient, warehouse: str, colleague, table: str
):
    """The admin's Unity Catalog calls are rows of system.access.audit; the colleague may not read it."""
    _, client, _ = colleague
    catalog = table.split(".")[0]
    query = (
        "SELECT user_identity.email, response.statusCode, request_params['name'] FROM system.access.audit"
        " WHERE event_date >= current_date() - 1 AND service_name = 'unityCatalog'"
        f" AND action_name = 'createCatalog' AND request_params['name'] = '{catalog}'"
    )
    read = _run(w, warehouse, query)
    assert read.status.state == StatementState.SUCCEEDED, read.status
    assert read.result.data_array == [[w.current_user.me().user_name, "200", catalog]]
    refused = _run(client, warehouse, query)
    assert refused.status.state == StatementState.FAILED
    assert "Only workspace admins" in refused.status.error.message
