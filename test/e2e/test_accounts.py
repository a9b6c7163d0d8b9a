"""Workspaces at account level through the SDK's AccountClient."""

import pytest
from databricks.sdk import AccountClient, WorkspaceClient
from databricks.sdk.errors import NotFound, PermissionDenied, ResourceDoesNotExist
from databricks.sdk.service.provisioning import WorkspaceStatus


def test_an_account_admin_creates_lists_and_deletes_a_workspace(a: AccountClient, unique_name: str):
    workspace = a.workspaces.create(workspace_name=unique_name).result()
    try:
        assert workspace.workspace_status == WorkspaceStatus.RUNNING
        assert a.workspaces.get(workspace.workspace_id).workspace_name == unique_name
        assert workspace.workspace_id in [ws.workspace_id for ws in a.workspaces.list()]
    finally:
        a.workspaces.delete(workspace.workspace_id)


def test_a_missing_workspace_is_not_found(a: AccountClient):
    with pytest.raises((NotFound, ResourceDoesNotExist)):
        a.workspaces.get(1)


def test_a_workspace_token_may_not_manage_workspaces(host: str, w: WorkspaceClient, a: AccountClient):
    as_workspace_admin = AccountClient(
        host=host, account_id=a.config.account_id, token=w.config.token, auth_type="pat"
    )
    with pytest.raises(PermissionDenied):
        list(as_workspace_admin.workspaces.list())
