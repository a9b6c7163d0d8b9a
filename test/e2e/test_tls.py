"""TLS verification of the workspace host: the API's port serves HTTPS with a certificate of the
platform's CA, which `make up` names in .brickyard/env for the SDK (REQUESTS_CA_BUNDLE) and the CLI
(SSL_CERT_FILE); a client that does not trust that CA refuses the host. Plain HTTP stays on the same
port for loopback (DATABRICKS_HOST)."""

import os
import subprocess
from pathlib import Path

import pytest
import requests
from databricks.sdk import WorkspaceClient
from databricks.sdk.core import Config

from conftest import CliError, run_cli

SYSTEM_ROOTS = "/etc/ssl/certs/ca-certificates.crt"


@pytest.fixture(scope="module")
def https_host() -> str:
    host = os.environ["BRICKYARD_HTTPS_HOST"]
    assert host.startswith("https://")
    return host


@pytest.fixture(scope="module")
def platform_ca() -> str:
    return os.environ["BRICKYARD_CA_FILE"]


@pytest.fixture(scope="module")
def another_ca(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A CA of its own, which never signed the workspace host's certificate."""
    folder = tmp_path_factory.mktemp("another-ca")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=another CA", "-days", "1",
         "-keyout", str(folder / "ca.key"), "-out", str(folder / "ca.crt")],
        check=True,
        capture_output=True,
    )
    return str(folder / "ca.crt")


def sdk_client(host: str) -> WorkspaceClient:
    # The SDK retries a failed connection until its retry timeout (5 min by default): keep it short.
    return WorkspaceClient(
        config=Config(host=host, token=os.environ["DATABRICKS_TOKEN"], auth_type="pat", retry_timeout_seconds=1)
    )


def certificate_of(path: str) -> str:
    text = Path(path).read_text()
    return text[text.index("-----BEGIN CERTIFICATE-----") :].strip()


def test_make_up_names_the_platform_ca_for_every_client(platform_ca: str):
    ca = certificate_of(platform_ca)
    for variable in ["REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "GRPC_DEFAULT_SSL_ROOTS_FILE_PATH"]:
        assert ca in Path(os.environ[variable]).read_text(), f"{variable} does not hold the platform's CA"


@pytest.mark.parametrize("trusted", ["env bundle", "platform CA alone"])
def test_the_sdk_verifies_the_host_with_the_platform_ca(
    https_host: str, platform_ca: str, trusted: str, monkeypatch: pytest.MonkeyPatch
):
    if trusted == "platform CA alone":
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", platform_ca)
    me = sdk_client(https_host).current_user.me()
    assert me.user_name == sdk_client(os.environ["DATABRICKS_HOST"]).current_user.me().user_name


@pytest.mark.parametrize("trusted", ["system roots only", "another CA"])
def test_the_sdk_refuses_the_host_without_the_platform_ca(
    https_host: str, another_ca: str, trusted: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", SYSTEM_ROOTS if trusted == "system roots only" else another_ca)
    with pytest.raises(TimeoutError) as raised:
        sdk_client(https_host).current_user.me()
    cause = raised.value.__cause__
    assert isinstance(cause, requests.exceptions.SSLError)
    assert "CERTIFICATE_VERIFY_FAILED" in str(cause)


def test_the_cli_verifies_the_host_with_the_platform_ca(
    https_host: str, another_ca: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("DATABRICKS_HOST", https_host)
    assert run_cli("current-user", "me")["userName"]
    monkeypatch.setenv("SSL_CERT_FILE", another_ca)
    with pytest.raises(CliError) as raised:
        run_cli("current-user", "me")
    assert "certificate signed by unknown authority" in raised.value.stderr


def test_databricks_configure_makes_a_profile_that_verifies_the_host(https_host: str, tmp_path: Path):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABRICKS_HOST", "DATABRICKS_TOKEN")},
        "DATABRICKS_CONFIG_FILE": str(tmp_path / "databrickscfg"),
        "DATABRICKS_CLI_DISABLE_TELEMETRY": "1",
    }
    subprocess.run(
        ["databricks", "configure", "--host", https_host, "--profile", "tls"],
        input=os.environ["DATABRICKS_TOKEN"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    completed = subprocess.run(
        ["databricks", "current-user", "me", "--profile", "tls", "--output", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert '"userName"' in completed.stdout
