"""The Files API for Unity Catalog volumes through the official Python SDK: w.files, and w.dbfs,
which sends /Volumes paths to the Files API."""

import io
import os

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import AlreadyExists, BadRequest, NotFound
from databricks.sdk.service.catalog import VolumeType

MB = 1024 * 1024


@pytest.fixture
def volume(w: WorkspaceClient, unique_name: str):
    """A managed volume of its own, in a schema of its own; its files go with it."""
    schema = unique_name.replace("-", "_")
    w.schemas.create(name=schema, catalog_name="main")
    w.volumes.create(catalog_name="main", schema_name=schema, name="files", volume_type=VolumeType.MANAGED)
    yield f"/Volumes/main/{schema}/files"
    w.volumes.delete(f"main.{schema}.files")
    w.schemas.delete(f"main.{schema}")


def test_upload_download_and_metadata(w: WorkspaceClient, volume: str):
    path = f"{volume}/in/a file?#.txt"
    w.files.upload(path, io.BytesIO(b"some text data"))
    with w.files.download(path).contents as f:
        assert f.read() == b"some text data"
    meta = w.files.get_metadata(path)
    assert (meta.content_type, meta.content_length) == ("application/octet-stream", 14)
    assert meta.last_modified.endswith("GMT")

    w.files.upload(path, io.BytesIO(b"replaced"))
    with pytest.raises(AlreadyExists):
        w.files.upload(path, io.BytesIO(b"refused"), overwrite=False)
    assert w.files.download(path).contents.read() == b"replaced"

    w.files.delete(path)
    with pytest.raises(NotFound):
        w.files.get_metadata(path)
    with pytest.raises(NotFound):
        w.files.delete(path)


def test_directories_are_created_listed_and_deleted(w: WorkspaceClient, volume: str):
    w.files.create_directory(f"{volume}/dir/sub/")
    w.files.create_directory(f"{volume}/dir/sub")
    w.files.get_directory_metadata(f"{volume}/dir/sub")
    for name in ("file1.txt", "file2.txt", "file3.txt"):
        w.files.upload(f"{volume}/dir/{name}", io.BytesIO(b"12345"))

    entries = list(w.files.list_directory_contents(f"{volume}/dir"))
    assert [(e.name, e.is_directory, e.file_size) for e in entries] == [
        ("file1.txt", False, 5),
        ("file2.txt", False, 5),
        ("file3.txt", False, 5),
        ("sub", True, None),
    ]
    assert entries[0].path == f"{volume}/dir/file1.txt"
    assert entries[0].last_modified > 0
    paged = list(w.files.list_directory_contents(f"{volume}/dir", page_size=1))
    assert [e.name for e in paged] == [e.name for e in entries]

    with pytest.raises(BadRequest):
        w.files.delete_directory(f"{volume}/dir")
    w.files.delete_directory(f"{volume}/dir/sub")
    with pytest.raises(NotFound):
        w.files.get_directory_metadata(f"{volume}/dir/sub")
    with pytest.raises(NotFound):
        list(w.files.list_directory_contents(f"{volume}/dir/file1.txt"))


def test_a_big_file_goes_both_ways_and_downloads_in_parallel_ranges(w: WorkspaceClient, volume: str, tmp_path):
    # Over the SDK's multipart threshold: it falls back to one streamed PUT, and to ranged GETs.
    data = os.urandom(50 * MB + 123)
    w.files.upload(f"{volume}/big.bin", io.BytesIO(data))
    assert w.files.get_metadata(f"{volume}/big.bin").content_length == len(data)
    target = tmp_path / "big.bin"
    w.files.download_to(f"{volume}/big.bin", str(target), use_parallel=True, parallelism=4)
    assert target.read_bytes() == data


def test_dbfs_sends_volume_paths_to_the_files_api(w: WorkspaceClient, volume: str):
    w.dbfs.upload(f"{volume}/tree/a.txt", io.BytesIO(b"a"))
    w.dbfs.upload(f"{volume}/tree/deep/b.txt", io.BytesIO(b"bb"))
    listed = sorted((f.path, f.is_dir, f.file_size) for f in w.dbfs.list(f"{volume}/tree"))
    assert listed == [(f"{volume}/tree/a.txt", False, 1), (f"{volume}/tree/deep", True, None)]
    recursive = sorted(f.path for f in w.dbfs.list(f"dbfs:{volume}/tree", recursive=True))
    assert recursive == [f"{volume}/tree/a.txt", f"{volume}/tree/deep/b.txt"]
    # The SDK's volume reader has no default size: read(-1) reads everything.
    assert w.dbfs.download(f"{volume}/tree/deep/b.txt").read(-1) == b"bb"
    assert w.dbfs.exists(f"{volume}/tree/deep")

    w.dbfs.delete(f"{volume}/tree", recursive=True)
    assert not w.dbfs.exists(f"{volume}/tree")
    assert list(w.dbfs.list(volume)) == []


def test_paths_outside_a_volume_are_refused(w: WorkspaceClient, volume: str):
    with pytest.raises(BadRequest, match="Path is missing a volume name"):
        list(w.files.list_directory_contents("/Volumes/main/default"))
    with pytest.raises(NotFound, match="does not exist"):
        w.files.upload(volume.replace("/files", "/no_such_volume") + "/x.txt", io.BytesIO(b"x"))
