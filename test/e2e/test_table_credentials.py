"""Unity Catalog's credential vending through the Python SDK, used by delta-rs and pyarrow's S3.

Two managed tables are made by SQL on a warehouse (the real runtime writes them as Delta). READ
credentials for one table read its Delta log and data with delta-rs, and the object store refuses
them (AccessDenied) on the other table and on every write; READ_WRITE credentials write the one
table only.
"""

import os
import uuid

import deltalake
import pyarrow as pa
import pyarrow.fs as pafs
import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import InvalidParameterValue, NotFound
from databricks.sdk.service.catalog import PathOperation, TableOperation

BUCKET = os.environ["BRICKYARD_BUCKET"]


@pytest.fixture(scope="module")
def warehouse(w: WorkspaceClient):
    created = w.warehouses.create_and_wait(
        name=f"e2e-credentials-{uuid.uuid4().hex[:8]}", cluster_size="2X-Small", auto_stop_mins=10
    )
    yield created.id
    w.warehouses.delete(created.id)


@pytest.fixture(scope="module")
def tables(w: WorkspaceClient, warehouse: str):
    """Two managed tables, a and b, of three and two rows, made and filled by SQL."""
    catalog = f"e2e_creds_{uuid.uuid4().hex[:8]}"
    w.catalogs.create(name=catalog)
    w.schemas.create(name="s", catalog_name=catalog)
    for statement in (
        f"CREATE TABLE {catalog}.s.a (id BIGINT, name STRING)",
        f"INSERT INTO {catalog}.s.a VALUES (1, 'one'), (2, 'two'), (3, 'three')",
        f"CREATE TABLE {catalog}.s.b (id BIGINT)",
        f"INSERT INTO {catalog}.s.b VALUES (10), (20)",
    ):
        response = w.statement_execution.execute_statement(statement=statement, warehouse_id=warehouse, wait_timeout="50s")
        assert response.status.state.value == "SUCCEEDED", (statement, response.status)
    yield w.tables.get(f"{catalog}.s.a"), w.tables.get(f"{catalog}.s.b")
    w.catalogs.delete(catalog, force=True)


def storage_options(credentials) -> dict[str, str]:
    aws = credentials.aws_temp_credentials
    return {
        "AWS_ENDPOINT_URL": os.environ["AWS_ENDPOINT_URL_S3"],
        "AWS_ACCESS_KEY_ID": aws.access_key_id,
        "AWS_SECRET_ACCESS_KEY": aws.secret_access_key,
        "AWS_REGION": os.environ["AWS_REGION"],
        "AWS_ALLOW_HTTP": "true",
        "AWS_S3_ALLOW_UNSAFE_RENAME": "true",
    }


def s3_with(credentials) -> pafs.S3FileSystem:
    aws = credentials.aws_temp_credentials
    endpoint = os.environ["AWS_ENDPOINT_URL_S3"]
    return pafs.S3FileSystem(
        access_key=aws.access_key_id,
        secret_key=aws.secret_access_key,
        region=os.environ["AWS_REGION"],
        endpoint_override=endpoint.split("://", 1)[1],
        scheme=endpoint.split("://", 1)[0],
        retry_strategy=pafs.AwsStandardS3RetryStrategy(max_attempts=1),
    )


def path_of(location: str, name: str) -> str:
    """bucket/key of a file below a table's s3:// location, as pyarrow's S3 names it."""
    return f"{location.removeprefix('s3://')}/{name}"


def access_denied(action) -> bool:
    with pytest.raises(OSError) as refused:
        action()
    return "ACCESS_DENIED" in str(refused.value) or "AccessDenied" in str(refused.value)


def test_read_credentials_read_one_table_and_are_refused_elsewhere(w: WorkspaceClient, tables):
    a, b = tables
    credentials = w.temporary_table_credentials.generate_temporary_table_credentials(
        table_id=a.table_id, operation=TableOperation.READ
    )
    assert credentials.url == a.storage_location
    assert credentials.expiration_time > 0

    table = deltalake.DeltaTable(a.storage_location, storage_options=storage_options(credentials))
    assert sorted(table.to_pyarrow_table().column("id").to_pylist()) == [1, 2, 3]

    s3 = s3_with(credentials)
    log = [info.path for info in s3.get_file_info(pafs.FileSelector(path_of(a.storage_location, "_delta_log")))]
    assert any(path.endswith(".json") for path in log)
    assert access_denied(lambda: s3.get_file_info(pafs.FileSelector(path_of(b.storage_location, "_delta_log"))))
    first_commit = path_of(b.storage_location, "_delta_log/00000000000000000000.json")
    assert access_denied(lambda: s3.open_input_file(first_commit).read())
    assert access_denied(lambda: s3.open_output_stream(path_of(a.storage_location, "intruder.txt")).close())
    with pytest.raises(Exception, match="(?i)access ?denied|403|forbidden"):
        deltalake.DeltaTable(b.storage_location, storage_options=storage_options(credentials))


def test_read_write_credentials_write_the_one_table_only(w: WorkspaceClient, tables):
    a, b = tables
    credentials = w.temporary_table_credentials.generate_temporary_table_credentials(
        table_id=a.table_id, operation=TableOperation.READ_WRITE
    )
    deltalake.write_deltalake(
        a.storage_location,
        pa.table({"id": pa.array([4], pa.int64()), "name": ["four"]}),
        mode="append",
        storage_options=storage_options(credentials),
    )
    table = deltalake.DeltaTable(a.storage_location, storage_options=storage_options(credentials))
    assert sorted(table.to_pyarrow_table().column("id").to_pylist()) == [1, 2, 3, 4]
    s3 = s3_with(credentials)
    assert access_denied(lambda: s3.open_output_stream(path_of(b.storage_location, "intruder.txt")).close())


def test_credentials_of_a_table_that_does_not_exist_or_of_a_bad_operation_are_refused(w: WorkspaceClient, tables):
    a, _ = tables
    with pytest.raises(NotFound):
        w.temporary_table_credentials.generate_temporary_table_credentials(
            table_id=str(uuid.uuid4()), operation=TableOperation.READ
        )
    with pytest.raises(InvalidParameterValue):
        w.api_client.do(
            "POST",
            "/api/2.0/unity-catalog/temporary-table-credentials",
            body={"table_id": a.table_id, "operation": "DELETE"},
        )


def test_path_credentials_cover_external_storage_of_the_workspace(w: WorkspaceClient, tables, default_workspace_id: int):
    a, _ = tables
    url = f"s3://{BUCKET}/workspaces/{default_workspace_id}/external/e2e-creds-{uuid.uuid4().hex[:8]}"
    credentials = w.temporary_path_credentials.generate_temporary_path_credentials(
        url=url, operation=PathOperation.PATH_READ_WRITE
    )
    deltalake.write_deltalake(url, pa.table({"x": [1, 2]}), storage_options=storage_options(credentials))
    assert deltalake.DeltaTable(url, storage_options=storage_options(credentials)).version() == 0
    with pytest.raises(InvalidParameterValue):
        w.temporary_path_credentials.generate_temporary_path_credentials(
            url=a.storage_location, operation=PathOperation.PATH_READ
        )
