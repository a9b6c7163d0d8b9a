"""Identity and permissions through the Databricks SDK and CLI, as an admin and a colleague use them.

An admin adds a colleague (SCIM), gives them CAN_ATTACH_TO on one cluster (the Permissions API),
and the colleague can then do exactly that: see and attach to the cluster, run a command on it,
but not restart, terminate or edit it, and see no other cluster.
"""

import uuid
from datetime import timedelta

import pytest
from conftest import CliError, run_cli
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import PermissionDenied, Unauthenticated
from databricks.sdk.service import iam
from databricks.sdk.service.compute import (
    ClusterAccessControlRequest,
    ClusterPermissionLevel,
    CommandStatus,
    Language,
    State,
)

LIGHT_RUNTIME = "19.3.x-no-spark-scala2.13"
TIMEOUT = timedelta(minutes=3)
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def _cluster(w: WorkspaceClient, name: str) -> str:
    created = w.clusters.create(
        cluster_name=name, spark_version=LIGHT_RUNTIME, node_type_id="m5d.large", num_workers=0
    ).result(timeout=TIMEOUT)
    assert created.state == State.RUNNING
    return created.cluster_id


@pytest.fixture(scope="module")
def clusters(w: WorkspaceClient):
    """Two clusters of the admin: the one shared with the colleague, and one that is not."""
    shared = _cluster(w, f"e2e-shared-{uuid.uuid4().hex[:6]}")
    private = _cluster(w, f"e2e-private-{uuid.uuid4().hex[:6]}")
    yield shared, private
    for cluster_id in (shared, private):
        w.clusters.permanent_delete(cluster_id)


@pytest.fixture(scope="module")
def colleague(w: WorkspaceClient, host: str):
    """A user the admin adds, with the token that stands in for their signing in."""
    user = w.users.create(user_name=f"colleague-{uuid.uuid4().hex[:6]}@example.com", display_name="Colleague")
    token = w.api_client.do("POST", f"/api/2.0/brickyard/users/{user.id}/tokens", body={"lifetime_seconds": 3600})
    yield user, WorkspaceClient(host=host, token=token["token_value"], auth_type="pat"), token["token_value"]
    w.users.delete(user.id)


def test_the_colleague_is_a_user_of_the_workspace_and_no_admin(w: WorkspaceClient, colleague):
    user, client, _ = colleague
    me = client.current_user.me()
    assert me.user_name == user.user_name
    assert [group.display for group in me.groups] == ["users"]
    found = list(w.users.list(filter=f'userName eq "{user.user_name}"'))
    assert [u.id for u in found] == [user.id]


def test_a_cluster_is_its_creators_until_shared(clusters, colleague):
    shared, private = clusters
    _, client, _ = colleague
    with pytest.raises(PermissionDenied):
        client.clusters.get(shared)
    assert shared not in [c.cluster_id for c in client.clusters.list()]


def test_can_attach_to_lets_the_colleague_attach_and_nothing_more(w: WorkspaceClient, clusters, colleague):
    shared, private = clusters
    user, client, token = colleague
    w.clusters.set_permissions(
        shared,
        access_control_list=[
            ClusterAccessControlRequest(
                user_name=user.user_name, permission_level=ClusterPermissionLevel.CAN_ATTACH_TO
            )
        ],
    )
    acl = w.clusters.get_permissions(shared).access_control_list
    assert any(
        entry.user_name == user.user_name and entry.all_permissions[0].permission_level == ClusterPermissionLevel.CAN_ATTACH_TO
        for entry in acl
    )

    assert client.clusters.get(shared).cluster_id == shared
    assert [c.cluster_id for c in client.clusters.list()] == [shared]
    context = client.command_execution.create_and_wait(cluster_id=shared, language=Language.PYTHON, timeout=TIMEOUT)
    result = client.command_execution.execute_and_wait(
        cluster_id=shared, context_id=context.id, language=Language.PYTHON, command="print(6 * 7)", timeout=TIMEOUT
    )
    assert result.status == CommandStatus.FINISHED
    assert result.results.data.strip() == "42"

    with pytest.raises(PermissionDenied):
        client.clusters.restart(shared)
    with pytest.raises(PermissionDenied):
        client.clusters.delete(shared)
    with pytest.raises(PermissionDenied):
        client.clusters.edit(shared, spark_version=LIGHT_RUNTIME, num_workers=0)
    with pytest.raises(PermissionDenied):
        client.clusters.get(private)
    with pytest.raises(PermissionDenied):
        client.clusters.get_permissions(shared)

    # The CLI as the colleague: the same rights.
    assert run_cli("clusters", "get", shared, token=token)["cluster_id"] == shared
    with pytest.raises(CliError) as refused:
        run_cli("clusters", "delete", shared, "--no-wait", token=token)
    assert "does not have Can Restart permissions" in refused.value.stderr


def test_a_group_grant_reaches_its_members(w: WorkspaceClient, clusters, colleague):
    _, private = clusters
    user, client, _ = colleague
    group = w.groups.create(display_name=f"e2e-team-{uuid.uuid4().hex[:6]}", members=[iam.ComplexValue(value=user.id)])
    try:
        w.permissions.update(
            "clusters",
            private,
            access_control_list=[iam.AccessControlRequest(group_name=group.display_name, permission_level=iam.PermissionLevel.CAN_RESTART)],
        )
        assert client.clusters.get(private).cluster_id == private
        w.groups.patch(
            group.id,
            operations=[iam.Patch(op=iam.PatchOp.REMOVE, path=f'members[value eq "{user.id}"]')],
            schemas=[iam.PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP],
        )
        with pytest.raises(PermissionDenied):
            client.clusters.get(private)
    finally:
        w.groups.delete(group.id)


def test_an_admin_by_group_and_a_deactivated_user(w: WorkspaceClient, colleague):
    user, client, _ = colleague
    admins = next(iter(w.groups.list(filter='displayName eq "admins"')))
    w.groups.patch(
        admins.id,
        operations=[iam.Patch(op=iam.PatchOp.ADD, value={"members": [{"value": user.id}]})],
        schemas=[iam.PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP],
    )
    assert len(list(client.token_management.list())) > 0
    w.groups.patch(
        admins.id,
        operations=[iam.Patch(op=iam.PatchOp.REMOVE, path=f'members[value eq "{user.id}"]')],
        schemas=[iam.PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP],
    )
    with pytest.raises(PermissionDenied):
        list(client.token_management.list())
    # The SDK leaves a value of False out of a Patch, so deactivation goes through its API client.
    w.api_client.do(
        "PATCH",
        f"/api/2.0/preview/scim/v2/Users/{user.id}",
        body={"schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "active", "value": False}]},
    )
    with pytest.raises((PermissionDenied, Unauthenticated)):
        client.current_user.me()
    w.users.patch(
        user.id,
        operations=[iam.Patch(op=iam.PatchOp.REPLACE, path="active", value=True)],
        schemas=[iam.PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP],
    )
    assert client.current_user.me().user_name == user.user_name


def test_the_sdk_pages_users_to_the_end(w: WorkspaceClient):
    created = [w.users.create(user_name=f"page-{i}-{uuid.uuid4().hex[:6]}@example.com") for i in range(3)]
    try:
        names = [u.user_name for u in w.users.list(filter='userName sw "page-"', count=2)]
        for user in created:
            assert user.user_name in names
    finally:
        for user in created:
            w.users.delete(user.id)
