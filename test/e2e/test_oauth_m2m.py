"""OAuth machine-to-machine: a service principal's secret traded for access tokens by the SDK and the CLI."""

import json
import os
import subprocess

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.service.iam import ServicePrincipal


@pytest.fixture
def robot(w: WorkspaceClient, unique_name: str):
    sp = w.service_principals.create(display_name=unique_name)
    yield sp
    # Its secrets and tokens go with it.
    w.service_principals.delete(sp.id)


@pytest.fixture
def secret(w: WorkspaceClient, robot: ServicePrincipal) -> str:
    return w.service_principal_secrets_proxy.create(robot.id, lifetime="3600s").secret


def test_secrets_are_created_listed_and_deleted_through_the_sdk(w: WorkspaceClient, robot: ServicePrincipal):
    created = w.service_principal_secrets_proxy.create(robot.id, lifetime="3600s")
    assert created.secret.startswith("dose")
    assert created.status == "ACTIVE"
    listed = list(w.service_principal_secrets_proxy.list(robot.id))
    assert [s.id for s in listed] == [created.id]
    assert listed[0].secret_hash == created.secret_hash
    w.service_principal_secrets_proxy.delete(robot.id, created.id)
    assert list(w.service_principal_secrets_proxy.list(robot.id)) == []


def test_the_sdk_authenticates_as_the_service_principal(host: str, robot: ServicePrincipal, secret: str):
    m2m = WorkspaceClient(host=host, client_id=robot.application_id, client_secret=secret, auth_type="oauth-m2m")
    assert m2m.current_user.me().user_name == robot.application_id
    # A non-admin may list clusters (it sees those it may attach to).
    assert isinstance(list(m2m.clusters.list()), list)


def test_the_cli_authenticates_as_the_service_principal(robot: ServicePrincipal, secret: str):
    env = {k: v for k, v in os.environ.items() if k != "DATABRICKS_TOKEN"}
    env.update(
        DATABRICKS_CLIENT_ID=robot.application_id,
        DATABRICKS_CLIENT_SECRET=secret,
        DATABRICKS_AUTH_TYPE="oauth-m2m",
        DATABRICKS_CLI_DISABLE_TELEMETRY="1",
    )
    completed = subprocess.run(
        ["databricks", "current-user", "me", "--output", "json"], env=env, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["userName"] == robot.application_id


def test_a_wrong_secret_is_refused(host: str, robot: ServicePrincipal, secret: str):
    m2m = WorkspaceClient(host=host, client_id=robot.application_id, client_secret=secret + "0", auth_type="oauth-m2m")
    with pytest.raises(Exception, match="invalid_client"):
        m2m.current_user.me()
