"""Spark on every cluster sees one Unity Catalog: tables made on one cluster are tables on another.

Two single-node clusters serve the module, reached with Databricks Connect as a notebook user would.
A table created by Spark on cluster A is listed by the SDK (`w.tables`), read on cluster B, and read
by delta-rs from its storage location, because a managed table is a plain Delta table in the
workspace's storage. The catalog the tests use is made before the clusters start; one made after is
still reached by its three-part names.
"""

import os
import uuid
from datetime import timedelta

import deltalake
import pytest
from databricks.connect import DatabricksSession
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import NotFound
from databricks.sdk.service.catalog import DataSourceFormat, TableType
from pyspark.errors import AnalysisException

RUNTIME = "19.3.x-scala2.13"
START_TIMEOUT = timedelta(minutes=5)


def storage_options() -> dict[str, str]:
    return {
        "AWS_ENDPOINT_URL": os.environ["AWS_ENDPOINT_URL_S3"],
        "AWS_ACCESS_KEY_ID": os.environ["AWS_ACCESS_KEY_ID"],
        "AWS_SECRET_ACCESS_KEY": os.environ["AWS_SECRET_ACCESS_KEY"],
        "AWS_REGION": os.environ["AWS_REGION"],
        "AWS_ALLOW_HTTP": "true",
        "AWS_S3_ALLOW_UNSAFE_RENAME": "true",
    }


@pytest.fixture(scope="module")
def catalog(w: WorkspaceClient):
    name = f"e2e_uc_{uuid.uuid4().hex[:6]}"
    w.catalogs.create(name=name, comment="made by test_unity_catalog_spark")
    w.schemas.create(name="sales", catalog_name=name)
    yield name
    w.catalogs.delete(name, force=True)


def start_cluster(w: WorkspaceClient) -> str:
    return w.clusters.create(
        cluster_name=f"e2e-uc-{uuid.uuid4().hex[:6]}",
        spark_version=RUNTIME,
        node_type_id="m5d.large",
        num_workers=0,
        autotermination_minutes=30,
    ).result(timeout=START_TIMEOUT).cluster_id


@pytest.fixture(scope="module")
def clusters(w: WorkspaceClient, catalog: str):
    """Two clusters, started once the module's catalog exists (Spark is configured with it)."""
    ids = [start_cluster(w), start_cluster(w)]
    yield ids
    for cluster_id in ids:
        w.clusters.permanent_delete(cluster_id)


def session(cluster_id: str):
    return DatabricksSession.builder.remote(
        host=os.environ["DATABRICKS_HOST"], token=os.environ["DATABRICKS_TOKEN"], cluster_id=cluster_id
    ).create()


@pytest.fixture(scope="module")
def spark_a(clusters):
    spark = session(clusters[0])
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def spark_b(clusters):
    spark = session(clusters[1])
    yield spark
    spark.stop()


def test_a_table_created_on_one_cluster_is_a_table_everywhere(w: WorkspaceClient, catalog: str, spark_a, spark_b):
    orders = f"{catalog}.sales.orders"
    spark_a.sql(f"CREATE TABLE {orders} (id BIGINT, amount DECIMAL(10,2), note STRING) USING delta")
    spark_a.sql(f"INSERT INTO {orders} VALUES (1, 9.99, 'first'), (2, 20.00, 'second')")

    info = w.tables.get(orders)
    assert info.table_type == TableType.MANAGED
    assert info.data_source_format == DataSourceFormat.DELTA
    assert info.storage_location.startswith("s3://")
    assert [(c.name, c.type_name.value, c.type_text) for c in info.columns] == [
        ("id", "LONG", "bigint"),
        ("amount", "DECIMAL", "decimal(10,2)"),
        ("note", "STRING", "string"),
    ]
    assert orders in [t.full_name for t in w.tables.list(catalog_name=catalog, schema_name="sales")]

    assert spark_b.table(orders).count() == 2
    assert float(spark_b.sql(f"SELECT sum(amount) FROM {orders}").first()[0]) == pytest.approx(29.99)
    rows = deltalake.DeltaTable(info.storage_location, storage_options=storage_options()).to_pyarrow_table()
    assert sorted(rows.column("id").to_pylist()) == [1, 2]


def test_save_as_table_and_the_catalog_commands(w: WorkspaceClient, catalog: str, spark_a, spark_b):
    customers = f"{catalog}.sales.customers"
    spark_a.range(5).selectExpr("id", "concat('c', id) AS name").write.saveAsTable(customers)
    spark_a.range(5, 8).selectExpr("id", "concat('c', id) AS name").write.mode("append").saveAsTable(customers)

    assert spark_b.table(customers).count() == 8
    assert catalog in [row[0] for row in spark_b.sql("SHOW CATALOGS").collect()]
    assert "sales" in [row[0] for row in spark_b.sql(f"SHOW SCHEMAS IN {catalog}").collect()]
    assert "customers" in [row.tableName for row in spark_b.sql(f"SHOW TABLES IN {catalog}.sales").collect()]
    described = {row[0]: row[1] for row in spark_b.sql(f"DESCRIBE TABLE EXTENDED {customers}").collect()}
    assert described["id"] == "bigint" and described["Provider"] == "delta"
    # saveAsTable is one commit, as CREATE TABLE AS SELECT is on Databricks.
    history = spark_b.sql(f"DESCRIBE HISTORY {customers}").collect()
    assert sorted(row.version for row in history) == [0, 1]
    assert spark_b.sql(f"SELECT count(*) FROM {customers} VERSION AS OF 0").first()[0] == 5

    spark_b.sql(f"CREATE OR REPLACE TABLE {customers} AS SELECT id, 'renamed' AS name, true AS active FROM range(2)")
    assert spark_a.table(customers).count() == 2
    assert [c.name for c in w.tables.get(customers).columns] == ["id", "name", "active"]


def test_merge_and_alter_table_keep_unity_catalog_in_step(w: WorkspaceClient, catalog: str, spark_a, spark_b):
    stock = f"{catalog}.sales.stock"
    spark_a.sql(f"CREATE TABLE {stock} (sku STRING, units INT)")
    spark_a.sql(f"INSERT INTO {stock} VALUES ('a', 1), ('b', 2)")
    spark_b.sql(
        f"MERGE INTO {stock} t USING (SELECT 'b' AS sku, 5 AS units UNION ALL SELECT 'c', 7) s "
        "ON t.sku = s.sku WHEN MATCHED THEN UPDATE SET units = s.units WHEN NOT MATCHED THEN INSERT *"
    )
    assert sorted(tuple(r) for r in spark_a.table(stock).collect()) == [("a", 1), ("b", 5), ("c", 7)]
    spark_a.sql(f"ALTER TABLE {stock} ADD COLUMNS (warehouse STRING)")
    assert [c.name for c in w.tables.get(stock).columns] == ["sku", "units", "warehouse"]
    assert spark_b.table(stock).columns == ["sku", "units", "warehouse"]


def test_one_and_two_part_names_resolve_in_the_current_catalog(w: WorkspaceClient, spark_a):
    schema = f"e2e_two_part_{uuid.uuid4().hex[:6]}"
    spark_a.sql(f"CREATE SCHEMA {schema}")
    try:
        spark_a.sql(f"CREATE TABLE {schema}.events AS SELECT id FROM range(3)")
        assert w.tables.get(f"main.{schema}.events").table_type == TableType.MANAGED
        spark_a.sql(f"USE SCHEMA {schema}")
        assert spark_a.table("events").count() == 3
        assert spark_a.sql("SELECT current_catalog(), current_schema()").first() == ("main", schema)
    finally:
        spark_a.sql("USE SCHEMA default")
        spark_a.sql(f"DROP SCHEMA main.{schema} CASCADE")
    with pytest.raises(NotFound):
        w.schemas.get(f"main.{schema}")


def test_dropping_a_managed_table_removes_its_data(w: WorkspaceClient, catalog: str, spark_a):
    doomed = f"{catalog}.sales.doomed"
    spark_a.range(3).write.saveAsTable(doomed)
    location = w.tables.get(doomed).storage_location
    assert deltalake.DeltaTable(location, storage_options=storage_options()).version() == 0
    spark_a.sql(f"DROP TABLE {doomed}")
    assert not w.tables.exists(doomed).table_exists
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND"):
        spark_a.table(doomed).count()
    with pytest.raises(deltalake.exceptions.TableNotFoundError):
        deltalake.DeltaTable(location, storage_options=storage_options())


def test_a_delta_table_written_by_delta_rs_is_registered_and_queried(
    w: WorkspaceClient, catalog: str, spark_b, unique_name: str
):
    bucket = os.environ["BRICKYARD_BUCKET"]
    location = f"s3://{bucket}/external/e2e-uc/{unique_name}"
    import pyarrow as pa

    deltalake.write_deltalake(
        location, pa.table({"city": ["Lyon", "Oslo"], "population": [522_000, 709_000]}), storage_options=storage_options()
    )
    external = f"{catalog}.sales.cities"
    spark_b.sql(f"CREATE TABLE {external} USING delta LOCATION '{location}'")
    info = w.tables.get(external)
    assert info.table_type == TableType.EXTERNAL
    assert [c.name for c in info.columns] == ["city", "population"]
    assert spark_b.sql(f"SELECT max(population) FROM {external}").first()[0] == 709_000
    spark_b.sql(f"DROP TABLE {external}")
    # An external table's data outlives its name.
    assert deltalake.DeltaTable(location, storage_options=storage_options()).version() == 0


def test_a_catalog_made_after_the_cluster_started_is_reached_by_three_part_names(w: WorkspaceClient, spark_a):
    late = f"e2e_late_{uuid.uuid4().hex[:6]}"
    w.catalogs.create(name=late)
    try:
        spark_a.sql(f"CREATE SCHEMA {late}.staging")
        spark_a.range(4).write.saveAsTable(f"{late}.staging.numbers")
        assert spark_a.table(f"{late}.staging.numbers").count() == 4
        assert w.tables.get(f"{late}.staging.numbers").full_name == f"{late}.staging.numbers"
        # Spark knew only the catalogs of the session's start; SHOW and USE CATALOG ask the API.
        assert late in [row[0] for row in spark_a.sql("SHOW CATALOGS").collect()]
        assert [row[0] for row in spark_a.sql(f"SHOW CATALOGS LIKE '{late}'").collect()] == [late]
        spark_a.sql(f"USE CATALOG {late}")
        try:
            assert spark_a.table("staging.numbers").count() == 4
        finally:
            spark_a.sql("USE CATALOG main")
        with pytest.raises(Exception, match="NO_SUCH_CATALOG"):
            spark_a.sql("USE CATALOG e2e_no_such_catalog").collect()
    finally:
        w.catalogs.delete(late, force=True)


def test_views_renames_and_the_information_schema(w: WorkspaceClient, catalog: str, spark_a, spark_b):
    spark_a.sql(f"CREATE TABLE {catalog}.sales.visits AS SELECT id, id % 3 AS shop FROM range(9)")
    spark_a.sql(
        f"CREATE OR REPLACE VIEW {catalog}.sales.visits_per_shop AS "
        f"SELECT shop, count(*) AS visits FROM {catalog}.sales.visits GROUP BY shop"
    )
    view = w.tables.get(f"{catalog}.sales.visits_per_shop")
    assert view.table_type == TableType.VIEW and "GROUP BY shop" in view.view_definition
    assert [c.name for c in view.columns] == ["shop", "visits"]
    assert sorted(tuple(r) for r in spark_b.table(f"{catalog}.sales.visits_per_shop").collect()) == [
        (0, 3),
        (1, 3),
        (2, 3),
    ]
    assert "visits_per_shop" in [r.viewName for r in spark_b.sql(f"SHOW VIEWS IN {catalog}.sales").collect()]

    tables = spark_b.sql(
        "SELECT table_name, table_type FROM system.information_schema.tables "
        f"WHERE table_catalog = '{catalog}' AND table_schema = 'sales' AND table_name LIKE 'visits%'"
    ).collect()
    assert sorted(tuple(r) for r in tables) == [("visits", "MANAGED"), ("visits_per_shop", "VIEW")]
    columns = spark_b.sql(
        f"SELECT column_name, data_type FROM {catalog}.information_schema.columns "
        "WHERE table_schema = 'sales' AND table_name = 'visits' ORDER BY ordinal_position"
    ).collect()
    assert [tuple(r) for r in columns] == [("id", "LONG"), ("shop", "LONG")]
    described = spark_b.sql(f"DESCRIBE TABLE EXTENDED {catalog}.sales.visits_per_shop AS JSON").first()[0]
    assert '"type":"VIEW"' in described and '"name":"visits"' in described

    spark_a.sql(f"ALTER TABLE {catalog}.sales.visits RENAME TO {catalog}.sales.store_visits")
    assert spark_b.table(f"{catalog}.sales.store_visits").count() == 9
    with pytest.raises(NotFound):
        w.tables.get(f"{catalog}.sales.visits")
    with pytest.raises(AnalysisException, match="WRONG_COMMAND_FOR_OBJECT_TYPE"):
        spark_a.sql(f"DROP TABLE {catalog}.sales.visits_per_shop").collect()
    spark_a.sql(f"DROP VIEW {catalog}.sales.visits_per_shop")
    with pytest.raises(NotFound):
        w.tables.get(f"{catalog}.sales.visits_per_shop")


def test_catalog_statements_of_databricks_sql(w: WorkspaceClient, catalog: str, spark_a):
    made = f"e2e_sql_{uuid.uuid4().hex[:6]}"
    spark_a.sql(f"CREATE CATALOG IF NOT EXISTS {made} COMMENT 'made in SQL'")
    assert w.catalogs.get(made).comment == "made in SQL"
    spark_a.sql(f"CREATE CATALOG IF NOT EXISTS {made}")
    spark_a.sql(f"USE CATALOG {catalog}")
    try:
        assert spark_a.sql("SELECT current_catalog()").first()[0] == catalog
        assert spark_a.table("sales.orders").count() == 2
    finally:
        spark_a.sql("USE CATALOG main")
    spark_a.sql(f"DROP CATALOG {made} CASCADE")
    with pytest.raises(NotFound):
        w.catalogs.get(made)
    spark_a.sql(f"DROP CATALOG IF EXISTS {made}")


def test_a_volume_made_in_sql_holds_files_spark_reads_by_its_volumes_path(w: WorkspaceClient, catalog: str, spark_a):
    volume = f"{catalog}.sales.landing"
    spark_a.sql(f"CREATE VOLUME {volume} COMMENT 'raw files'")
    info = w.volumes.read(volume)
    assert info.volume_type.value == "MANAGED" and info.comment == "raw files"
    path = f"/Volumes/{catalog}/sales/landing/orders"
    spark_a.range(6).selectExpr("id", "id * 2 AS twice").write.mode("overwrite").parquet(path)
    assert spark_a.read.parquet(path).count() == 6
    # The Files API lists the files Spark wrote under the same /Volumes path.
    assert any(entry.name.endswith(".parquet") for entry in w.files.list_directory_contents(path))
    spark_a.sql(f"DROP VOLUME {volume}")
    with pytest.raises(NotFound):
        w.volumes.read(volume)
