"""SQL warehouses through the Python SDK: create_and_wait, get, list, edit, stop, start, delete.

A warehouse runs on a cluster of the real Spark runtime, so this file starts one (2X-Small: a
driver and one worker) and reuses it. Auto-stop after auto_stop_mins is tested with short minutes
in test/integration/operator-warehouse.test.ts: here the minimum of 10 minutes would be real ones.
"""

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import InvalidParameterValue, NotFound
from databricks.sdk.service.sql import EndpointTagPair, EndpointTags, State


def test_a_warehouse_runs_stops_starts_and_is_deleted(w: WorkspaceClient, host: str, unique_name: str):
    created = w.warehouses.create_and_wait(
        name=unique_name,
        cluster_size="2X-Small",
        auto_stop_mins=10,
        tags=EndpointTags(custom_tags=[EndpointTagPair(key="team", value="e2e")]),
    )
    warehouse_id = created.id
    try:
        assert created.state == State.RUNNING
        assert created.num_clusters == 1
        assert created.odbc_params.path == f"/sql/1.0/warehouses/{warehouse_id}"
        assert created.odbc_params.hostname in host
        assert f"httpPath=/sql/1.0/warehouses/{warehouse_id}" in created.jdbc_url
        # Its compute is the warehouse's: clusters/list does not show it.
        assert all(c.cluster_name != unique_name for c in w.clusters.list())

        got = w.warehouses.get(warehouse_id)
        assert (got.name, got.cluster_size, got.auto_stop_mins) == (unique_name, "2X-Small", 10)
        assert got.tags.custom_tags[0].key == "team"
        assert warehouse_id in [listed.id for listed in w.warehouses.list()]

        w.warehouses.edit(warehouse_id, name=unique_name, cluster_size="2X-Small", auto_stop_mins=20)
        assert w.warehouses.get(warehouse_id).auto_stop_mins == 20

        stopped = w.warehouses.stop_and_wait(warehouse_id)
        assert stopped.state == State.STOPPED and stopped.num_clusters == 0

        started = w.warehouses.start_and_wait(warehouse_id)
        assert started.state == State.RUNNING
    finally:
        w.warehouses.delete(warehouse_id)
    assert w.warehouses.get(warehouse_id).state in (State.DELETING, State.DELETED)
    assert warehouse_id not in [listed.id for listed in w.warehouses.list()]


def test_invalid_warehouses_are_refused(w: WorkspaceClient, unique_name: str):
    with pytest.raises(InvalidParameterValue, match="cluster_size"):
        w.warehouses.create(name=unique_name, cluster_size="Enormous")
    with pytest.raises(InvalidParameterValue, match="max_num_clusters"):
        w.warehouses.create(name=unique_name, cluster_size="Small", min_num_clusters=2, max_num_clusters=1)


def test_a_missing_warehouse_is_not_found(w: WorkspaceClient):
    with pytest.raises(NotFound):
        w.warehouses.get("ffffffffffffffff")
