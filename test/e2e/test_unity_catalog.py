"""Unity Catalog through the official Python SDK, the databricks CLI and kubectl.

Each workspace is a metastore of its own; its catalogs, schemas, tables and volumes are resources in
the workspace's namespace, and managed tables and volumes live below the metastore's storage root.
"""

import json
import os
import subprocess

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import BadRequest, NotFound, PermissionDenied, ResourceConflict
from databricks.sdk.service.catalog import (
    CatalogType,
    ColumnInfo,
    ColumnTypeName,
    DataSourceFormat,
    TableType,
    VolumeType,
)

from conftest import run_cli


@pytest.fixture
def catalog(w: WorkspaceClient, unique_name: str):
    name = unique_name.replace("-", "_")
    w.catalogs.create(name=name, comment="made by test_unity_catalog")
    w.schemas.create(name="sales", catalog_name=name)
    yield name
    w.catalogs.delete(name, force=True)


def workspace_storage(workspace_id: int) -> str:
    return f"s3://{os.environ['BRICKYARD_BUCKET']}/workspaces/{workspace_id}"


def test_the_workspace_has_its_own_metastore(w: WorkspaceClient, default_workspace_id: int):
    summary = w.metastores.summary()
    assert summary.storage_root == f"{workspace_storage(default_workspace_id)}/unity-catalog/{summary.metastore_id}"
    current = w.metastores.current()
    assert (current.workspace_id, current.metastore_id, current.default_catalog_name) == (
        default_workspace_id,
        summary.metastore_id,
        "main",
    )
    assert [m.metastore_id for m in w.metastores.list()] == [summary.metastore_id]
    assert w.metastores.get(summary.metastore_id).storage_root == summary.storage_root


def test_main_samples_and_system_are_there_from_the_start(w: WorkspaceClient):
    catalogs = {c.name: c for c in w.catalogs.list()}
    assert catalogs["main"].catalog_type == CatalogType.MANAGED_CATALOG
    assert catalogs["system"].catalog_type == CatalogType.SYSTEM_CATALOG
    assert catalogs["samples"].owner == "System user"
    assert {"default", "information_schema"} <= {s.name for s in w.schemas.list("main")}
    with pytest.raises(PermissionDenied):
        w.catalogs.delete("system")


def test_catalogs_schemas_tables_and_volumes_are_created_read_and_deleted(
    w: WorkspaceClient, catalog: str, default_workspace_id: int
):
    assert w.catalogs.get(catalog).comment == "made by test_unity_catalog"
    assert [s.name for s in w.schemas.list(catalog)] == ["information_schema", "sales"]

    orders = f"{catalog}.sales.orders"
    location = f"{workspace_storage(default_workspace_id)}/e2e-uc/{catalog}/orders"
    created = w.tables.create(
        name="Orders",
        catalog_name=catalog,
        schema_name="sales",
        table_type=TableType.EXTERNAL,
        data_source_format=DataSourceFormat.DELTA,
        storage_location=location,
        columns=[
            ColumnInfo(name="id", type_name=ColumnTypeName.LONG, type_text="bigint", position=0, nullable=False),
            ColumnInfo(name="amount", type_name=ColumnTypeName.DOUBLE, type_text="double", position=1),
        ],
    )
    assert (created.full_name, created.storage_location) == (orders, location)
    table = w.tables.get(orders)
    assert table.table_type == TableType.EXTERNAL
    assert [(c.name, c.type_name, c.nullable) for c in table.columns] == [
        ("id", ColumnTypeName.LONG, False),
        ("amount", ColumnTypeName.DOUBLE, True),
    ]
    assert w.tables.exists(orders).table_exists
    assert [t.full_name for t in w.tables.list(catalog_name=catalog, schema_name="sales")] == [orders]
    assert [t.full_name for t in w.tables.list_summaries(catalog_name=catalog)] == [orders]
    w.tables.update(orders, owner="analyst@example.com")
    assert w.tables.get(orders).owner == "analyst@example.com"

    volume = w.volumes.create(catalog_name=catalog, schema_name="sales", name="files", volume_type=VolumeType.MANAGED)
    # A managed volume keeps its files at its /Volumes path, in the workspace's DBFS root.
    assert volume.storage_location.endswith(f"/dbfs/Volumes/{catalog}/sales/files")
    assert [v.full_name for v in w.volumes.list(catalog_name=catalog, schema_name="sales")] == [f"{catalog}.sales.files"]
    assert w.volumes.read(f"{catalog}.sales.files").volume_id == volume.volume_id
    w.volumes.delete(f"{catalog}.sales.files")

    with pytest.raises(BadRequest):
        w.schemas.delete(f"{catalog}.sales")
    w.tables.delete(orders)
    assert not w.tables.exists(orders).table_exists
    with pytest.raises(NotFound):
        w.tables.get(orders)


def test_errors_are_the_sdk_s_exceptions(w: WorkspaceClient, catalog: str):
    with pytest.raises(NotFound):
        w.catalogs.get("no_such_catalog_e2e")
    with pytest.raises(NotFound):
        w.schemas.get("main.no_such_schema_e2e")
    with pytest.raises(ResourceConflict):
        w.schemas.create(name="sales", catalog_name=catalog)
    with pytest.raises(BadRequest):
        w.catalogs.create(name="not a name")
    with pytest.raises(BadRequest):
        w.catalogs.delete(catalog)


def test_the_cli_lists_catalogs_and_tables(w: WorkspaceClient, catalog: str):
    w.tables.create(
        name="events",
        catalog_name=catalog,
        schema_name="sales",
        table_type=TableType.MANAGED,
        data_source_format=DataSourceFormat.DELTA,
        storage_location=None,
    )
    assert {"main", catalog} <= {c["name"] for c in run_cli("catalogs", "list")}
    assert [t["full_name"] for t in run_cli("tables", "list", catalog, "sales")] == [f"{catalog}.sales.events"]
    assert run_cli("tables", "get", f"{catalog}.sales.events")["table_type"] == "MANAGED"
    assert "default" in [s["name"] for s in run_cli("schemas", "list", "main")]


def test_kubectl_lists_the_metastore_objects(w: WorkspaceClient, catalog: str, default_workspace_id: int):
    namespace = f"brickyard-ws-{default_workspace_id}"

    def kubectl_names(kind: str) -> list[str]:
        out = subprocess.run(
            ["kubectl", "get", kind, "-n", namespace, "-o", "json"], capture_output=True, text=True, check=True
        ).stdout
        return [item["spec"].get("fullName") or item["spec"]["name"] for item in json.loads(out)["items"]]

    # The SDK's CatalogInfo has no `id`; the API answers it as Databricks does.
    catalog_id = w.api_client.do("GET", f"/api/2.1/unity-catalog/catalogs/{catalog}")["id"]
    assert catalog in kubectl_names("ucatalog")
    assert f"{catalog}.sales" in kubectl_names("uschema")
    described = subprocess.run(
        ["kubectl", "get", "catalog.brickyard.dev", catalog_id, "-n", namespace], capture_output=True, text=True
    )
    assert described.returncode == 0 and catalog in described.stdout
