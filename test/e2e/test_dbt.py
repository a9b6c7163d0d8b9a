"""dbt-databricks, unmodified, on a SQL warehouse: seed, run (a table, a view, an incremental merge), test.

dbt runs from its own venv ($BRICKYARD_HOME/dbt-venv, made by `make up`) on the Thrift endpoint of a
2X-Small warehouse, with the project in test/e2e/dbt_project. It makes its schema itself, lists
relations through information_schema, reads columns with DESCRIBE ... AS JSON and merges into Delta;
what it made is then checked through the SDK and the Statement Execution API.
"""

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.service.catalog import TableType

PROJECT = Path(__file__).parent / "dbt_project"
DBT = Path(os.environ["BRICKYARD_HOME"]) / "dbt-venv" / "bin" / "dbt"


@pytest.fixture(scope="module")
def warehouse(w: WorkspaceClient):
    created = w.warehouses.create_and_wait(
        name=f"e2e-dbt-{uuid.uuid4().hex[:8]}", cluster_size="2X-Small", auto_stop_mins=10
    )
    yield created.id
    w.warehouses.delete(created.id)


@pytest.fixture(scope="module")
def schema(w: WorkspaceClient, warehouse: str):
    name = f"dbt_{uuid.uuid4().hex[:8]}"
    yield name
    sql(w, warehouse, f"DROP SCHEMA IF EXISTS main.{name} CASCADE")


@pytest.fixture(scope="module")
def project(tmp_path_factory, host: str, warehouse: str, schema: str) -> Path:
    directory = tmp_path_factory.mktemp("dbt")
    shutil.copytree(PROJECT, directory, dirs_exist_ok=True)
    http_path = f"/sql/1.0/warehouses/{warehouse}"
    (directory / "profiles.yml").write_text(
        f"""brickyard:
  target: e2e
  outputs:
    e2e:
      type: databricks
      host: {host.removeprefix("http://")}
      http_path: {http_path}
      token: {os.environ["DATABRICKS_TOKEN"]}
      catalog: main
      schema: {schema}
      threads: 2
      connection_parameters:
        _connection_uri: {host}{http_path}
"""
    )
    return directory


def sql(w: WorkspaceClient, warehouse: str, statement: str) -> list[list[str]]:
    response = w.statement_execution.execute_statement(
        statement=statement, warehouse_id=warehouse, wait_timeout="50s"
    )
    assert response.status.state.value == "SUCCEEDED", response.status
    return (response.result and response.result.data_array) or []


def dbt(project: Path, *command: str) -> str:
    done = subprocess.run(
        [str(DBT), *command, "--profiles-dir", str(project), "--project-dir", str(project)],
        cwd=project,
        env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, f"dbt {' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_seed_run_and_test_make_tables_views_and_pass(w: WorkspaceClient, warehouse, schema, project):
    assert "PASS=1" in dbt(project, "seed")
    assert "PASS=3" in dbt(project, "run")
    assert "PASS=4" in dbt(project, "test")

    orders = w.tables.get(f"main.{schema}.orders")
    assert orders.table_type == TableType.MANAGED
    assert [c.name for c in orders.columns] == ["order_id", "customer", "amount", "ordered_on"]
    totals = w.tables.get(f"main.{schema}.customer_totals")
    assert totals.table_type == TableType.VIEW
    assert "group by customer" in totals.view_definition
    assert sql(w, warehouse, f"SELECT customer, orders FROM main.{schema}.customer_totals ORDER BY customer") == [
        ["ada", "2"],
        ["grace", "1"],
    ]


def test_a_second_run_merges_new_and_changed_rows_into_the_incremental_model(
    w: WorkspaceClient, warehouse, schema, project
):
    seed = project / "seeds" / "raw_orders.csv"
    seed.write_text(seed.read_text().replace("3,ada,7.25", "3,ada,9.75") + "4,linus,1.00,2026-01-04\n")
    dbt(project, "seed")
    dbt(project, "run")
    assert sql(w, warehouse, f"SELECT order_id, amount FROM main.{schema}.orders_incremental ORDER BY 1") == [
        ["1", "10.5"],
        ["2", "20.0"],
        ["3", "9.75"],
        ["4", "1.0"],
    ]
    history = sql(w, warehouse, f"DESCRIBE HISTORY main.{schema}.orders_incremental")
    assert "MERGE" in [row[4] for row in history]
    assert "PASS=4" in dbt(project, "test")
