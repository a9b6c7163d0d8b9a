"""Permissions on notebooks and folders through the Databricks SDK, as an admin and a colleague use them.

An admin keeps a notebook in a folder of their home; a colleague cannot read it until the admin
shares the folder with them (w.workspace.set_permissions on `directories`), then reads the notebook
it holds (the grant passes down), cannot change it until given CAN_EDIT on the notebook itself,
and never manages its permissions. The colleague's own home folder is theirs, and the admin's too.
"""

import base64
import uuid

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import PermissionDenied
from databricks.sdk.service import jobs
from databricks.sdk.service.workspace import (
    ImportFormat,
    Language,
    WorkspaceObjectAccessControlRequest,
    WorkspaceObjectPermissionLevel,
)

SOURCE = b"# Databricks notebook source\nprint('shared')\n"


@pytest.fixture(scope="module")
def colleague(w: WorkspaceClient, host: str):
    """A user the admin adds, and a client holding the token that stands in for their signing in."""
    user = w.users.create(user_name=f"nb-colleague-{uuid.uuid4().hex[:6]}@example.com")
    token = w.api_client.do("POST", f"/api/2.0/brickyard/users/{user.id}/tokens", body={"lifetime_seconds": 3600})
    yield user, WorkspaceClient(host=host, token=token["token_value"], auth_type="pat")
    w.users.delete(user.id)


@pytest.fixture(scope="module")
def folder(w: WorkspaceClient):
    """A folder in the admin's home with one notebook in it."""
    path = f"/Users/{w.current_user.me().user_name}/e2e-shared-{uuid.uuid4().hex[:6]}"
    w.workspace.mkdirs(path)
    w.workspace.import_(
        f"{path}/etl",
        content=base64.b64encode(SOURCE).decode(),
        format=ImportFormat.SOURCE,
        language=Language.PYTHON,
    )
    yield path
    w.workspace.delete(path, recursive=True)


def _grant(user_name: str, level: WorkspaceObjectPermissionLevel) -> list[WorkspaceObjectAccessControlRequest]:
    return [WorkspaceObjectAccessControlRequest(user_name=user_name, permission_level=level)]


def test_a_folder_shared_for_reading_lets_the_colleague_read_what_it_holds(
    w: WorkspaceClient, colleague, folder
):
    user, client = colleague
    notebook = f"{folder}/etl"
    with pytest.raises(PermissionDenied):
        client.workspace.export(notebook)
    folder_id = str(w.workspace.get_status(folder).object_id)

    can_read = _grant(user.user_name, WorkspaceObjectPermissionLevel.CAN_READ)
    w.workspace.set_permissions("directories", folder_id, access_control_list=can_read)

    assert base64.b64decode(client.workspace.export(notebook).content) == SOURCE
    assert [o.path for o in client.workspace.list(folder)] == [notebook]
    notebook_id = str(w.workspace.get_status(notebook).object_id)
    acl = w.workspace.get_permissions("notebooks", notebook_id)
    assert acl.object_id == f"/notebooks/{notebook_id}"
    assert acl.object_type == "notebook"
    colleague_entry = next(e for e in acl.access_control_list if e.user_name == user.user_name)
    [permission] = colleague_entry.all_permissions
    assert permission.permission_level == WorkspaceObjectPermissionLevel.CAN_READ
    assert permission.inherited is True
    assert permission.inherited_from_object == [f"/directories/{folder_id}"]


def test_the_colleague_edits_only_with_can_edit_and_never_manages(w: WorkspaceClient, colleague, folder):
    user, client = colleague
    notebook = f"{folder}/etl"
    notebook_id = str(w.workspace.get_status(notebook).object_id)
    edited = base64.b64encode(SOURCE + b"print('edited')\n").decode()

    def edit() -> None:
        client.workspace.import_(
            notebook, content=edited, format=ImportFormat.SOURCE, language=Language.PYTHON, overwrite=True
        )

    with pytest.raises(PermissionDenied):
        edit()
    can_edit = _grant(user.user_name, WorkspaceObjectPermissionLevel.CAN_EDIT)
    w.workspace.update_permissions("notebooks", notebook_id, access_control_list=can_edit)
    edit()
    assert b"edited" in base64.b64decode(w.workspace.export(notebook).content)
    with pytest.raises(PermissionDenied):
        client.workspace.get_permissions("notebooks", notebook_id)
    with pytest.raises(PermissionDenied):
        client.workspace.delete(notebook)
    levels = w.workspace.get_permission_levels("notebooks", notebook_id)
    assert [level.permission_level for level in levels.permission_levels] == [
        WorkspaceObjectPermissionLevel.CAN_READ,
        WorkspaceObjectPermissionLevel.CAN_RUN,
        WorkspaceObjectPermissionLevel.CAN_EDIT,
        WorkspaceObjectPermissionLevel.CAN_MANAGE,
    ]


def test_the_colleagues_home_folder_is_theirs(w: WorkspaceClient, colleague):
    user, client = colleague
    path = f"/Users/{user.user_name}/mine"
    content = base64.b64encode(SOURCE).decode()
    client.workspace.import_(path, content=content, format=ImportFormat.SOURCE, language=Language.PYTHON)
    assert base64.b64decode(w.workspace.export(path).content) == SOURCE
    home_id = str(client.workspace.get_status(f"/Users/{user.user_name}").object_id)
    acl = client.workspace.get_permissions("directories", home_id)
    [owner] = [e for e in acl.access_control_list if e.user_name == user.user_name]
    held = [(p.permission_level, p.inherited) for p in owner.all_permissions]
    assert held == [(WorkspaceObjectPermissionLevel.CAN_MANAGE, False)]
    with pytest.raises(PermissionDenied):
        client.workspace.mkdirs("/not-for-colleagues")


def test_a_job_runs_only_notebooks_its_creator_can_read(w: WorkspaceClient, colleague):
    user, client = colleague
    private = f"/Users/{w.current_user.me().user_name}/e2e-private-{uuid.uuid4().hex[:6]}"
    w.workspace.import_(
        private, content=base64.b64encode(SOURCE).decode(), format=ImportFormat.SOURCE, language=Language.PYTHON
    )
    task = jobs.Task(task_key="etl", notebook_task=jobs.NotebookTask(notebook_path=private))
    try:
        with pytest.raises(PermissionDenied):
            client.jobs.create(name="reads-a-private-notebook", tasks=[task])
        private_id = str(w.workspace.get_status(private).object_id)
        can_read = _grant(user.user_name, WorkspaceObjectPermissionLevel.CAN_READ)
        w.workspace.update_permissions("notebooks", private_id, access_control_list=can_read)
        created = client.jobs.create(name="reads-a-shared-notebook", tasks=[task])
        client.jobs.delete(created.job_id)
    finally:
        w.workspace.delete(private)
