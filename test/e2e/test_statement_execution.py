"""The Statement Execution API and the query history through the Python SDK, on a SQL warehouse.

One 2X-Small warehouse (a Spark cluster of the real runtime) serves the whole file. External
links are fetched with plain `requests`, without the token, as Databricks asks of its clients.
"""

import csv
import io
import json
import time
import uuid

import pyarrow as pa
import pytest
import requests
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import InvalidParameterValue, NotFound, PermissionDenied
from databricks.sdk.service.sql import (
    Disposition,
    ExecuteStatementRequestOnWaitTimeout,
    Format,
    QueryFilter,
    QueryStatus,
    StatementParameterListItem,
    StatementResponse,
    StatementState,
)

# A statement that keeps the warehouse busy for two minutes, to be cancelled.
SLOW = "SELECT java_method('java.lang.Thread', 'sleep', 120000L) FROM range(0, 2, 1, 2)"
DONE = (StatementState.SUCCEEDED, StatementState.FAILED, StatementState.CANCELED, StatementState.CLOSED)


@pytest.fixture(scope="module")
def warehouse(w: WorkspaceClient):
    name = f"e2e-statements-{uuid.uuid4().hex[:8]}"
    created = w.warehouses.create_and_wait(name=name, cluster_size="2X-Small", auto_stop_mins=10)
    yield created.id
    w.warehouses.delete(created.id)


def execute(w: WorkspaceClient, warehouse: str, statement: str, **options) -> StatementResponse:
    options.setdefault("wait_timeout", "50s")
    return w.statement_execution.execute_statement(statement=statement, warehouse_id=warehouse, **options)


def poll(w: WorkspaceClient, statement_id: str, timeout: float = 120) -> StatementResponse:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = w.statement_execution.get_statement(statement_id)
        if response.status.state in DONE:
            return response
        time.sleep(0.5)
    raise AssertionError(f"statement {statement_id} did not end within {timeout} s")


def test_an_inline_query_answers_rows_as_text_with_the_manifest(w, warehouse):
    response = execute(w, warehouse, "SELECT 1 AS a, 'x' AS b, CAST(1.5 AS DECIMAL(10,2)) AS c, NULL AS d")
    assert response.status.state == StatementState.SUCCEEDED
    manifest = response.manifest
    assert manifest.format == Format.JSON_ARRAY
    assert [(c.name, c.type_name.value, c.type_text) for c in manifest.schema.columns[:3]] == [
        ("a", "INT", "INT"),
        ("b", "STRING", "STRING"),
        ("c", "DECIMAL", "DECIMAL(10,2)"),
    ]
    assert (manifest.schema.columns[2].type_precision, manifest.schema.columns[2].type_scale) == (10, 2)
    assert (manifest.total_row_count, manifest.total_chunk_count, manifest.truncated) == (1, 1, False)
    assert response.result.data_array == [["1", "x", "1.50", None]]


@pytest.mark.parametrize("fmt", [Format.JSON_ARRAY, Format.ARROW_STREAM, Format.CSV])
def test_external_links_are_fetched_without_credentials(w, warehouse, fmt):
    response = execute(
        w, warehouse, "SELECT id, concat('v', id) AS v FROM range(3)", disposition=Disposition.EXTERNAL_LINKS, format=fmt
    )
    assert response.status.state == StatementState.SUCCEEDED
    assert response.manifest.format == fmt and response.manifest.total_byte_count > 0
    [link] = response.result.external_links
    assert (link.chunk_index, link.row_offset, link.row_count) == (0, 0, 3)
    assert link.expiration and link.next_chunk_index is None
    fetched = requests.get(link.external_link, timeout=30)
    assert fetched.status_code == 200 and len(fetched.content) == link.byte_count
    if fmt == Format.JSON_ARRAY:
        assert json.loads(fetched.content) == [["0", "v0"], ["1", "v1"], ["2", "v2"]]
    elif fmt == Format.CSV:
        assert list(csv.reader(io.StringIO(fetched.text))) == [["id", "v"], ["0", "v0"], ["1", "v1"], ["2", "v2"]]
    else:
        table = pa.ipc.open_stream(fetched.content).read_all()
        assert table.to_pydict() == {"id": [0, 1, 2], "v": ["v0", "v1", "v2"]}


def test_a_statement_runs_asynchronously_with_a_wait_timeout_of_0s(w, warehouse):
    response = execute(w, warehouse, "SELECT 42", wait_timeout="0s")
    assert response.status.state == StatementState.PENDING
    assert response.manifest is None and response.result is None
    done = poll(w, response.statement_id)
    assert done.status.state == StatementState.SUCCEEDED
    assert done.result.data_array == [["42"]]


def test_parameters_of_several_types_are_bound(w, warehouse):
    response = execute(
        w,
        warehouse,
        "SELECT :i + 1, :s, :d, :ts, :dec, :b, :n",
        parameters=[
            StatementParameterListItem(name="i", value="41", type="INT"),
            StatementParameterListItem(name="s", value="it's; -- text"),
            StatementParameterListItem(name="d", value="2020-01-01", type="DATE"),
            StatementParameterListItem(name="ts", value="2024-01-02T03:04:05.123Z", type="TIMESTAMP"),
            StatementParameterListItem(name="dec", value="1.5", type="DECIMAL(10,2)"),
            StatementParameterListItem(name="b", value="true", type="BOOLEAN"),
            StatementParameterListItem(name="n", type="INT"),
        ],
    )
    assert response.status.state == StatementState.SUCCEEDED
    assert response.result.data_array == [
        ["42", "it's; -- text", "2020-01-01", "2024-01-02T03:04:05.123Z", "1.50", "true", None]
    ]


def test_a_failing_statement_is_failed_with_its_sql_state(w, warehouse):
    response = execute(w, warehouse, "SELECT * FROM no_such_table_anywhere")
    assert response.status.state == StatementState.FAILED
    assert response.status.error.error_code.value == "BAD_REQUEST"
    assert "TABLE_OR_VIEW_NOT_FOUND" in response.status.error.message
    assert response.status.sql_state == "42P01"
    assert response.manifest is None


def test_a_running_statement_is_cancelled(w, warehouse):
    response = execute(w, warehouse, SLOW, wait_timeout="0s")
    deadline = time.monotonic() + 60
    while w.statement_execution.get_statement(response.statement_id).status.state == StatementState.PENDING:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    w.statement_execution.cancel_execution(response.statement_id)
    assert poll(w, response.statement_id).status.state == StatementState.CANCELED


def test_a_wait_timeout_with_cancel_cancels_the_statement(w, warehouse):
    response = execute(
        w, warehouse, SLOW, wait_timeout="5s", on_wait_timeout=ExecuteStatementRequestOnWaitTimeout.CANCEL
    )
    assert response.status.state == StatementState.CANCELED


def test_row_limit_truncates_the_result(w, warehouse):
    response = execute(w, warehouse, "SELECT id FROM range(100)", row_limit=10)
    assert (response.manifest.total_row_count, response.manifest.truncated) == (10, True)
    assert len(response.result.data_array) == 10


def test_a_large_result_comes_in_chunks(w, warehouse):
    # About 10 MB of JSON: several chunks of 4 MiB.
    response = execute(w, warehouse, "SELECT id, repeat('x', 1000) AS pad FROM range(10000)")
    assert response.status.state == StatementState.SUCCEEDED
    manifest = response.manifest
    assert manifest.total_row_count == 10000 and manifest.total_chunk_count >= 2
    assert [c.chunk_index for c in manifest.chunks] == list(range(manifest.total_chunk_count))
    ids = [row[0] for row in response.result.data_array]
    next_index = response.result.next_chunk_index
    while next_index is not None:
        chunk = w.statement_execution.get_statement_result_chunk_n(response.statement_id, next_index)
        assert chunk.chunk_index == next_index and chunk.row_offset == len(ids)
        ids += [row[0] for row in chunk.data_array]
        next_index = chunk.next_chunk_index
    assert ids == [str(i) for i in range(10000)]
    with pytest.raises(InvalidParameterValue, match="out of bounds"):
        w.statement_execution.get_statement_result_chunk_n(response.statement_id, manifest.total_chunk_count)


def test_the_query_history_lists_the_statements(w, warehouse):
    ran = execute(w, warehouse, "SELECT 'in the history'")
    failed = execute(w, warehouse, "SELECT no_such_column")
    history = w.query_history.list(filter_by=QueryFilter(warehouse_ids=[warehouse]), max_results=100)
    by_id = {query.query_id: query for query in history.res}
    assert ran.statement_id in by_id and failed.statement_id in by_id
    query = by_id[ran.statement_id]
    assert (query.status, query.query_text, query.warehouse_id) == (
        QueryStatus.FINISHED,
        "SELECT 'in the history'",
        warehouse,
    )
    assert query.statement_type.value == "SELECT" and query.rows_produced == 1
    assert query.user_name and query.duration >= 0 and query.query_end_time_ms >= query.query_start_time_ms
    assert by_id[failed.statement_id].status == QueryStatus.FAILED
    only_failed = w.query_history.list(
        filter_by=QueryFilter(warehouse_ids=[warehouse], statuses=[QueryStatus.FAILED]), max_results=100
    )
    assert {q.status for q in only_failed.res} == {QueryStatus.FAILED}


def test_requests_that_cannot_run_are_refused(w, warehouse):
    with pytest.raises(PermissionDenied):
        execute(w, "ffffffffffffffff", "SELECT 1")
    with pytest.raises(InvalidParameterValue, match="wait_timeout"):
        execute(w, warehouse, "SELECT 1", wait_timeout="51s")
    with pytest.raises(InvalidParameterValue, match="JSON_ARRAY"):
        execute(w, warehouse, "SELECT 1", disposition=Disposition.INLINE, format=Format.CSV)
    with pytest.raises(NotFound):
        w.statement_execution.get_statement("00000000-0000-0000-0000-000000000000")
