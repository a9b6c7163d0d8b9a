"""The SQL connectors' Thrift endpoint through the official databricks-sql-connector, on a SQL warehouse.

One 2X-Small warehouse (a Spark cluster of the real runtime) serves the whole file. The connector is
used unmodified: `_connection_uri` points it at the plain HTTP workspace host, and TLS goes through
the same port with the platform's CA.
"""

import datetime
import decimal
import json
import os
import subprocess
import sys
import time
import uuid

import pyarrow as pa
import pytest
from databricks import sql
from databricks.sdk import WorkspaceClient
from databricks.sdk.service.catalog import ColumnInfo, ColumnTypeName, DataSourceFormat, TableType
from databricks.sql.exc import RequestError, ServerOperationError

# Minutes of work on two cores, to be cancelled long before it ends.
SLOW = "SELECT count(*) FROM range(0, 100000000000, 1, 2) WHERE id % 7 = 99"


@pytest.fixture(scope="module")
def warehouse(w: WorkspaceClient):
    name = f"e2e-connector-{uuid.uuid4().hex[:8]}"
    created = w.warehouses.create_and_wait(name=name, cluster_size="2X-Small", auto_stop_mins=10)
    yield created.id
    w.warehouses.delete(created.id)


def connect(base_url: str, warehouse: str, token: str | None = None, **options):
    path = f"/sql/1.0/warehouses/{warehouse}"
    return sql.connect(
        server_hostname=base_url,
        http_path=path,
        access_token=token or os.environ["DATABRICKS_TOKEN"],
        _connection_uri=f"{base_url}{path}",
        **options,
    )


@pytest.fixture(scope="module")
def connection(host: str, warehouse: str):
    with connect(host, warehouse) as conn:
        yield conn


def test_a_query_answers_typed_values_and_describes_its_columns(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 AS i, CAST(2 AS BIGINT) AS l, 1.5D AS d, 'x' AS s, true AS b, X'0102' AS bin,"
            " CAST(1.5 AS DECIMAL(10,2)) AS dec, DATE'2024-01-02' AS dt,"
            " TIMESTAMP'2024-01-02 03:04:05.123456' AS ts, array(1, 2) AS arr, map('k', 1) AS m,"
            " named_struct('f', 1) AS st, NULL AS n"
        )
        assert [(c[0], c[1]) for c in cursor.description] == [
            ("i", "int"),
            ("l", "bigint"),
            ("d", "double"),
            ("s", "string"),
            ("b", "boolean"),
            ("bin", "binary"),
            ("dec", "decimal"),
            ("dt", "date"),
            ("ts", "timestamp"),
            ("arr", "array"),
            ("m", "map"),
            ("st", "struct"),
            ("n", "null"),
        ]
        assert cursor.description[6][4:6] == (10, 2)
        [row] = cursor.fetchall()
        assert (row.i, row.l, row.d, row.s, row.b, row.bin) == (1, 2, 1.5, "x", True, b"\x01\x02")
        assert (row.dec, row.dt) == (decimal.Decimal("1.50"), datetime.date(2024, 1, 2))
        assert row.ts.replace(tzinfo=None) == datetime.datetime(2024, 1, 2, 3, 4, 5, 123456)
        assert (list(row.arr), row.m, row.st, row.n) == ([1, 2], [("k", 1)], {"f": 1}, None)


# A connector without pyarrow asks for rows in HiveServer2's column-based form.
NO_ARROW_CLIENT = """
import json, os, sys
sys.modules["pyarrow"] = None
from databricks import sql
host, path = os.environ["DATABRICKS_HOST"], sys.argv[1]
token = os.environ["DATABRICKS_TOKEN"]
with sql.connect(server_hostname=host, http_path=path, access_token=token, _connection_uri=host + path) as conn:
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 AS i, 'x' AS s, CAST(1.5 AS DECIMAL(10,2)) AS d, DATE'2024-01-02' AS dt, NULL AS n")
        print(json.dumps([repr(value) for value in cursor.fetchone()]))
"""


def test_a_client_without_arrow_gets_column_based_rows(warehouse: str):
    path = f"/sql/1.0/warehouses/{warehouse}"
    run = subprocess.run(
        [sys.executable, "-c", NO_ARROW_CLIENT, path], capture_output=True, text=True, timeout=120, check=True
    )
    assert json.loads(run.stdout.splitlines()[-1]) == [
        "1",
        "'x'",
        "Decimal('1.50')",
        "datetime.date(2024, 1, 2)",
        "None",
    ]


def test_tls_on_the_same_port_with_the_platform_ca_and_an_initial_namespace(warehouse: str):
    with connect(
        os.environ["BRICKYARD_HTTPS_HOST"],
        warehouse,
        _tls_trusted_ca_file=os.environ["BRICKYARD_CA_FILE"],
        catalog="system",
        schema="information_schema",
    ) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT current_catalog(), current_schema()")
        assert cursor.fetchone() == ("system", "information_schema")


def test_named_parameters_are_bound_natively(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT :i + 1 AS i, :s AS s, :d AS d, :dec AS dec, :nothing AS nothing",
            {
                "i": 41,
                "s": "it's; -- text",
                "d": datetime.date(2020, 1, 1),
                "dec": decimal.Decimal("1.25"),
                "nothing": None,
            },
        )
        assert cursor.fetchone() == (42, "it's; -- text", datetime.date(2020, 1, 1), decimal.Decimal("1.25"), None)
        cursor.execute("SELECT 'no parameters' AS s")
        assert cursor.fetchall() == [("no parameters",)]


def test_rows_are_fetched_one_some_all_and_as_arrow(connection):
    with connection.cursor(arraysize=1000) as cursor:
        cursor.execute("SELECT id FROM range(25000)")
        assert cursor.fetchone() == (0,)
        assert [row.id for row in cursor.fetchmany(3)] == [1, 2, 3]
        rest = cursor.fetchall()
        assert (len(rest), rest[-1].id) == (24996, 24999)
        assert cursor.fetchone() is None
        cursor.execute("SELECT id, concat('v', id) AS v FROM range(3)")
        table = cursor.fetchall_arrow()
        assert table.schema.field("id").type == pa.int64()
        assert table.to_pydict() == {"id": [0, 1, 2], "v": ["v0", "v1", "v2"]}


def test_a_session_keeps_its_state_and_configuration(host: str, warehouse: str):
    with connect(host, warehouse, session_configuration={"ANSI_MODE": "false"}) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT 1 / 0 AS z")
        assert cursor.fetchall() == [(None,)]
        cursor.execute("CREATE TEMPORARY VIEW seven AS SELECT 7 AS n")
        cursor.execute("SELECT n FROM seven")
        assert cursor.fetchall() == [(7,)]


@pytest.fixture
def catalog(w: WorkspaceClient, unique_name: str):
    name = unique_name.replace("-", "_")
    w.catalogs.create(name=name)
    w.schemas.create(name="sales", catalog_name=name)
    w.tables.create(
        name="orders",
        catalog_name=name,
        schema_name="sales",
        table_type=TableType.EXTERNAL,
        data_source_format=DataSourceFormat.DELTA,
        storage_location=f"s3://{os.environ['BRICKYARD_BUCKET']}/e2e-connector/{name}/orders",
        columns=[
            ColumnInfo(name="id", type_name=ColumnTypeName.LONG, type_text="bigint", position=0, nullable=False),
            ColumnInfo(
                name="amount",
                type_name=ColumnTypeName.DECIMAL,
                type_text="decimal(10,2)",
                type_precision=10,
                type_scale=2,
                position=1,
                comment="in euros",
            ),
        ],
    )
    yield name
    w.catalogs.delete(name, force=True)


def test_metadata_calls_list_the_metastore(connection, catalog: str):
    with connection.cursor() as cursor:
        cursor.catalogs()
        assert catalog in [row.TABLE_CAT for row in cursor.fetchall()]
        cursor.schemas(catalog_name=catalog)
        assert [(row.TABLE_SCHEM, row.TABLE_CATALOG) for row in cursor.fetchall()] == [
            ("information_schema", catalog),
            ("sales", catalog),
        ]
        cursor.tables(catalog_name=catalog, schema_name="sal%")
        assert [(row.TABLE_SCHEM, row.TABLE_NAME, row.TABLE_TYPE) for row in cursor.fetchall()] == [
            ("sales", "orders", "TABLE")
        ]
        cursor.columns(catalog_name=catalog, schema_name="sales", table_name="orders")
        columns = cursor.fetchall()
        assert [(c.COLUMN_NAME, c.TYPE_NAME, c.DATA_TYPE, c.NULLABLE) for c in columns] == [
            ("id", "BIGINT", -5, 0),
            ("amount", "DECIMAL(10,2)", 3, 1),
        ]
        assert (columns[1].DECIMAL_DIGITS, columns[1].REMARKS) == (2, "in euros")


def test_a_failing_statement_raises_sparks_error(connection):
    with connection.cursor() as cursor:
        with pytest.raises(ServerOperationError, match=r"(?s)TABLE_OR_VIEW_NOT_FOUND.*SQLSTATE: 42P01"):
            cursor.execute("SELECT * FROM no_such_table_anywhere")
        cursor.execute("SELECT 'still usable' AS s")
        assert cursor.fetchall() == [("still usable",)]


def test_a_running_statement_is_cancelled(connection):
    with connection.cursor() as cursor:
        cursor.execute_async(SLOW)
        assert cursor.is_query_pending()
        cursor.cancel()
        deadline = time.monotonic() + 30
        while cursor.get_query_state().name != "CANCELLED":
            assert time.monotonic() < deadline
            time.sleep(0.5)


def test_a_bad_token_is_refused(host: str, warehouse: str):
    with pytest.raises(RequestError, match="Invalid access token"):
        connect(host, warehouse, token="dapi-not-a-token")
