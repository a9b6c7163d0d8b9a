"""DBFS and the Workspace API through the official Python SDK and the databricks CLI."""

import base64
import io
import os
import subprocess

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import NotFound, ResourceAlreadyExists, ResourceDoesNotExist
from databricks.sdk.service.workspace import ExportFormat, ImportFormat, Language, ObjectType

from conftest import run_cli

MB = 1024 * 1024


@pytest.fixture
def dbfs_dir(w: WorkspaceClient, unique_name: str):
    path = f"/e2e-storage/{unique_name}"
    w.dbfs.mkdirs(path)
    yield path
    w.dbfs.delete(path, recursive=True)


@pytest.fixture
def ws_dir(w: WorkspaceClient, unique_name: str):
    path = f"/Users/{w.current_user.me().user_name}/{unique_name}"
    w.workspace.mkdirs(path)
    yield path
    w.workspace.delete(path, recursive=True)


def cli(*args: str) -> subprocess.CompletedProcess:
    """Runs the databricks CLI for commands whose output is not JSON (copies)."""
    env = {**os.environ, "DATABRICKS_CLI_DISABLE_TELEMETRY": "1"}
    completed = subprocess.run(["databricks", *args], env=env, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    return completed


def test_dbfs_put_and_read_back(w: WorkspaceClient, dbfs_dir: str):
    path = f"dbfs:{dbfs_dir}/hello.txt"
    w.dbfs.put(path, contents=base64.b64encode(b"hello, lakehouse").decode())
    read = w.dbfs.read(path, offset=7, length=4)
    assert read.bytes_read == 4
    assert base64.b64decode(read.data) == b"lake"
    status = w.dbfs.get_status(path)
    assert (status.path, status.is_dir, status.file_size) == (f"{dbfs_dir}/hello.txt", False, 16)
    with pytest.raises(ResourceAlreadyExists):
        w.dbfs.put(path, contents=base64.b64encode(b"again").decode())


def test_dbfs_upload_streams_a_big_file_and_download_reads_it_back(w: WorkspaceClient, dbfs_dir: str):
    data = os.urandom(3 * MB + 123)
    w.dbfs.upload(f"{dbfs_dir}/big.bin", io.BytesIO(data))
    assert w.dbfs.download(f"{dbfs_dir}/big.bin").read() == data
    w.dbfs.upload(f"{dbfs_dir}/big.bin", io.BytesIO(b"small now"), overwrite=True)
    assert w.dbfs.download(f"{dbfs_dir}/big.bin").read() == b"small now"


def test_dbfs_lists_moves_and_deletes(w: WorkspaceClient, dbfs_dir: str):
    w.dbfs.mkdirs(f"{dbfs_dir}/a/b")
    w.dbfs.upload(f"{dbfs_dir}/a/one.txt", io.BytesIO(b"1"))
    listed = sorted((f.path, f.is_dir) for f in w.dbfs.list(f"{dbfs_dir}/a"))
    assert listed == [(f"{dbfs_dir}/a/b", True), (f"{dbfs_dir}/a/one.txt", False)]
    assert [f.path for f in w.dbfs.list(f"{dbfs_dir}/a", recursive=True)] == [f"{dbfs_dir}/a/one.txt"]

    w.dbfs.move_(f"{dbfs_dir}/a", f"{dbfs_dir}/moved")
    assert not w.dbfs.exists(f"{dbfs_dir}/a")
    assert w.dbfs.download(f"{dbfs_dir}/moved/one.txt").read() == b"1"

    with pytest.raises(NotFound):
        w.dbfs.get_status(f"{dbfs_dir}/a")
    w.dbfs.delete(f"{dbfs_dir}/moved", recursive=True)
    assert not w.dbfs.exists(f"{dbfs_dir}/moved")


def test_the_cli_copies_to_and_from_dbfs(w: WorkspaceClient, dbfs_dir: str, tmp_path):
    small = tmp_path / "small.txt"
    small.write_bytes(b"from the cli\n")
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(3 * MB))
    cli("fs", "cp", str(small), f"dbfs:{dbfs_dir}/small.txt")  # one multipart/form-data put
    cli("fs", "cp", str(big), f"dbfs:{dbfs_dir}/big.bin")  # create, add-block, close
    listed = run_cli("fs", "ls", f"dbfs:{dbfs_dir}")
    assert sorted((e["name"], e["size"]) for e in listed) == [("big.bin", 3 * MB), ("small.txt", 13)]
    back = tmp_path / "back.bin"
    cli("fs", "cp", f"dbfs:{dbfs_dir}/big.bin", str(back))
    assert back.read_bytes() == big.read_bytes()


def test_workspace_upload_makes_a_notebook_and_download_returns_its_source(w: WorkspaceClient, ws_dir: str):
    notebook = f"{ws_dir}/notebook.py"
    w.workspace.upload(notebook, io.BytesIO(b"print(1)"))
    assert w.workspace.download(notebook).read() == b"# Databricks notebook source\nprint(1)"
    status = w.workspace.get_status(notebook)
    assert (status.object_type, status.language, status.path) == (ObjectType.NOTEBOOK, Language.PYTHON, notebook)

    plain = f"{ws_dir}/notebook-no-extension"
    w.workspace.upload(plain, io.BytesIO(b"SELECT 1"), format=ImportFormat.SOURCE, language=Language.SQL)
    assert w.workspace.download(plain).read() == b"-- Databricks notebook source\nSELECT 1"


def test_workspace_upload_auto_keeps_files_as_files(w: WorkspaceClient, ws_dir: str):
    for name in ("lib.py", "notes.txt"):
        w.workspace.upload(f"{ws_dir}/{name}", io.BytesIO(b"print(1)"), format=ImportFormat.AUTO)
        assert w.workspace.download(f"{ws_dir}/{name}").read() == b"print(1)"
        assert w.workspace.get_status(f"{ws_dir}/{name}").object_type == ObjectType.FILE
    with pytest.raises(ResourceAlreadyExists):
        w.workspace.upload(f"{ws_dir}/lib.py", io.BytesIO(b"again"), format=ImportFormat.AUTO)
    w.workspace.upload(f"{ws_dir}/lib.py", io.BytesIO(b"again"), format=ImportFormat.AUTO, overwrite=True)
    assert w.workspace.download(f"{ws_dir}/lib.py").read() == b"again"


def test_workspace_import_export_list_and_delete(w: WorkspaceClient, ws_dir: str):
    source = b"# Databricks notebook source\nspark.range(3).show()"
    w.workspace.import_(
        f"{ws_dir}/etl.py", content=base64.b64encode(source).decode(), format=ImportFormat.AUTO, overwrite=True
    )
    exported = w.workspace.export(f"{ws_dir}/etl", format=ExportFormat.SOURCE)
    assert base64.b64decode(exported.content) == source
    assert exported.file_type == "py"

    w.workspace.mkdirs(f"{ws_dir}/sub/deeper")
    objects = {o.path: o.object_type for o in w.workspace.list(ws_dir)}
    assert objects == {f"{ws_dir}/etl": ObjectType.NOTEBOOK, f"{ws_dir}/sub": ObjectType.DIRECTORY}
    assert {o.path for o in w.workspace.list(ws_dir, recursive=True)} == {f"{ws_dir}/etl"}

    first = w.workspace.get_status(f"{ws_dir}/etl")
    assert first.object_id == w.workspace.get_status(f"/Workspace{ws_dir}/etl").object_id
    w.workspace.delete(f"{ws_dir}/etl")
    with pytest.raises(ResourceDoesNotExist):
        w.workspace.get_status(f"{ws_dir}/etl")


def test_workspace_delete_of_a_full_folder_needs_recursive(w: WorkspaceClient, ws_dir: str):
    w.workspace.mkdirs(f"{ws_dir}/full")
    w.workspace.upload(f"{ws_dir}/full/x.txt", io.BytesIO(b"x"), format=ImportFormat.AUTO)
    with pytest.raises(Exception) as raised:
        w.workspace.delete(f"{ws_dir}/full")
    assert getattr(raised.value, "error_code", None) == "DIRECTORY_NOT_EMPTY"
    w.workspace.delete(f"{ws_dir}/full", recursive=True)
    with pytest.raises(ResourceDoesNotExist):
        w.workspace.get_status(f"{ws_dir}/full")


def test_the_cli_imports_and_exports_notebooks(ws_dir: str, tmp_path):
    local = tmp_path / "job.py"
    local.write_bytes(b"# Databricks notebook source\nprint('cli')\n")
    run_cli("workspace", "import", f"{ws_dir}/job", "--file", str(local), "--format", "SOURCE", "--language", "PYTHON")
    exported = run_cli("workspace", "export", f"{ws_dir}/job", "--format", "SOURCE")
    assert base64.b64decode(exported["content"]) == local.read_bytes()
    status = run_cli("workspace", "get-status", f"{ws_dir}/job")
    assert (status["object_type"], status["language"]) == ("NOTEBOOK", "PYTHON")
