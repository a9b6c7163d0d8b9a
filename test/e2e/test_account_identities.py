"""Account identities and workspace assignment through the SDK's AccountClient (identity federation)."""

from collections.abc import Iterator

import pytest
from databricks.sdk import AccountClient, WorkspaceClient
from databricks.sdk.errors import NotFound, PermissionDenied, ResourceDoesNotExist, Unauthenticated
from databricks.sdk.service.iam import ComplexValue, WorkspacePermission


@pytest.fixture
def account_user(a: AccountClient, unique_name: str) -> Iterator:
    user = a.users.create(user_name=f"{unique_name}@example.com", display_name=f"Account {unique_name}")
    yield user
    try:
        a.users.delete(user.id)
    except (NotFound, ResourceDoesNotExist):
        pass  # the test deleted it itself


@pytest.fixture
def account_robot(a: AccountClient, unique_name: str) -> Iterator:
    robot = a.service_principals.create(display_name=f"robot {unique_name}")
    yield robot
    try:
        a.service_principals.delete(robot.id)
    except (NotFound, ResourceDoesNotExist):
        pass


def assignment_of(a: AccountClient, workspace_id: int, principal_id: str):
    return next(
        (
            item
            for item in a.workspace_assignment.list(workspace_id)
            if str(item.principal.principal_id) == principal_id
        ),
        None,
    )


def sign_in(w: WorkspaceClient, host: str, user_id: str) -> WorkspaceClient:
    """The user's own client in the workspace: Brickyard's stand-in for signing in there."""
    token = w.api_client.do("POST", f"/api/2.0/brickyard/users/{user_id}/tokens", body={"lifetime_seconds": 600})
    return WorkspaceClient(host=host, token=token["token_value"], auth_type="pat")


def test_account_users_groups_and_service_principals_round_trip(
    a: AccountClient, account_user, account_robot, unique_name: str
):
    assert a.users.get(account_user.id).user_name == account_user.user_name
    assert account_user.id in [user.id for user in a.users.list(filter=f'userName eq "{account_user.user_name}"')]
    assert a.service_principals.get(account_robot.id).application_id == account_robot.application_id

    group = a.groups.create(display_name=f"group {unique_name}", members=[ComplexValue(value=account_user.id)])
    try:
        assert [member.value for member in a.groups.get(group.id).members] == [account_user.id]
        assert group.id in [g.value for g in a.users.get(account_user.id).groups]
    finally:
        a.groups.delete(group.id)
    with pytest.raises((NotFound, ResourceDoesNotExist)):
        a.groups.get(group.id)


def test_an_assigned_user_works_in_the_workspace_as_user_then_admin_until_unassigned(
    a: AccountClient, w: WorkspaceClient, host: str, default_workspace_id: int, account_user, unique_name: str
):
    by_name = f'userName eq "{account_user.user_name}"'
    assert list(w.users.list(filter=by_name)) == []

    principal_id = int(account_user.id)
    assigned = a.workspace_assignment.update(default_workspace_id, principal_id, permissions=[WorkspacePermission.USER])
    assert assigned.permissions == [WorkspacePermission.USER]
    assert assignment_of(a, default_workspace_id, account_user.id).permissions == [WorkspacePermission.USER]
    assert [u.id for u in w.users.list(filter=by_name)] == [account_user.id]

    as_user = sign_in(w, host, account_user.id)
    me = as_user.current_user.me()
    assert me.user_name == account_user.user_name
    assert "admins" not in [g.display for g in me.groups]
    with pytest.raises(PermissionDenied):
        as_user.groups.create(display_name=f"not allowed {unique_name}")

    a.workspace_assignment.update(default_workspace_id, principal_id, permissions=[WorkspacePermission.ADMIN])
    assert assignment_of(a, default_workspace_id, account_user.id).permissions == [WorkspacePermission.ADMIN]
    made = as_user.groups.create(display_name=f"made by an assigned admin {unique_name}")
    as_user.groups.delete(made.id)

    a.workspace_assignment.delete(default_workspace_id, principal_id)
    assert assignment_of(a, default_workspace_id, account_user.id) is None
    assert list(w.users.list(filter=by_name)) == []
    with pytest.raises(Unauthenticated):
        as_user.current_user.me()


def test_deleting_an_account_service_principal_unassigns_it(
    a: AccountClient, w: WorkspaceClient, default_workspace_id: int, account_robot
):
    assigned = a.workspace_assignment.update(
        default_workspace_id, int(account_robot.id), permissions=[WorkspacePermission.USER]
    )
    assert assigned.principal.service_principal_name == account_robot.application_id
    assert w.service_principals.get(account_robot.id).application_id == account_robot.application_id

    a.service_principals.delete(account_robot.id)
    assert assignment_of(a, default_workspace_id, account_robot.id) is None
    with pytest.raises((NotFound, ResourceDoesNotExist)):
        w.service_principals.get(account_robot.id)


def test_only_account_admins_manage_account_identities(host: str, w: WorkspaceClient, a: AccountClient):
    as_workspace_admin = AccountClient(host=host, account_id=a.config.account_id, token=w.config.token, auth_type="pat")
    with pytest.raises(PermissionDenied):
        list(as_workspace_admin.users.list())
