"""The calling user, and errors mapped to the SDK's exception classes."""

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import (
    InvalidParameterValue,
    NotFound,
    PermissionDenied,
    ResourceDoesNotExist,
    Unauthenticated,
)

from conftest import CliError, run_cli


def test_the_sdk_knows_the_current_user_and_workspace(w: WorkspaceClient, default_workspace_id: int):
    me = w.current_user.me()
    assert me.user_name == "admin@brickyard.local"
    assert me.active
    assert w.get_workspace_id() == default_workspace_id


def test_the_cli_knows_the_current_user():
    me = run_cli("current-user", "me")
    assert me["userName"] == "admin@brickyard.local"


def test_a_missing_cluster_is_resource_does_not_exist(w: WorkspaceClient):
    with pytest.raises(ResourceDoesNotExist):
        w.clusters.get("0000-000000-missing0")


def test_a_missing_job_is_resource_does_not_exist(w: WorkspaceClient):
    with pytest.raises(ResourceDoesNotExist):
        w.jobs.get(1234567)


def test_an_invalid_spec_is_invalid_parameter_value(w: WorkspaceClient):
    with pytest.raises(InvalidParameterValue):
        w.clusters.create(spark_version="0.0.x-nonsense", num_workers=1)


def test_a_bad_token_is_unauthenticated(host: str):
    stranger = WorkspaceClient(host=host, token="dapi" + "0" * 32, auth_type="pat")
    with pytest.raises(Unauthenticated):
        stranger.current_user.me()


def test_a_non_admin_is_denied_admin_apis(w: WorkspaceClient, host: str, unique_name: str):
    robot = w.service_principals.create(display_name=unique_name)
    created = w.token_management.create_obo_token(application_id=robot.application_id, lifetime_seconds=600)
    user = WorkspaceClient(host=host, token=created.token_value, auth_type="pat")
    assert user.current_user.me().user_name == robot.application_id
    with pytest.raises(PermissionDenied):
        list(user.token_management.list())
    w.service_principals.delete(robot.id)


def test_an_unknown_api_is_not_implemented(w: WorkspaceClient):
    with pytest.raises(Exception) as raised:
        w.api_client.do("GET", "/api/2.0/no-such/api")
    assert "not implemented" in str(raised.value).lower()


def test_the_cli_reports_a_missing_cluster():
    with pytest.raises(CliError) as raised:
        run_cli("clusters", "get", "0000-000000-missing0")
    assert "does not exist" in raised.value.stderr


def test_tokens_round_trip_through_the_sdk(w: WorkspaceClient, host: str, unique_name: str):
    created = w.tokens.create(comment=unique_name, lifetime_seconds=600)
    assert created.token_value.startswith("dapi")
    assert unique_name in [t.comment for t in w.tokens.list()]
    mine = WorkspaceClient(host=host, token=created.token_value, auth_type="pat")
    assert mine.current_user.me().user_name == "admin@brickyard.local"
    w.tokens.delete(created.token_info.token_id)
    with pytest.raises(Unauthenticated):
        mine.current_user.me()
    with pytest.raises((ResourceDoesNotExist, NotFound)):
        w.tokens.delete(created.token_info.token_id)
