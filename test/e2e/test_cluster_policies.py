"""Cluster policies through the Python SDK and the CLI, as an admin sets them up for a team.

An admin writes a policy (w.cluster_policies), a cluster created under it gets the policy's fixed
and default values and is refused what the policy forbids, in Databricks' words; policy families
(w.policy_families) seed a policy with overrides. Clusters run the runtime without Spark: the
policy is what is under test, not the cluster.
"""

import base64
import json
from datetime import timedelta

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import InvalidParameterValue, NotFound
from databricks.sdk.service import jobs
from databricks.sdk.service.compute import ClusterSpec
from databricks.sdk.service.workspace import ImportFormat, Language

from conftest import run_cli

SPARK_VERSION = "19.3.x-no-spark-scala2.13"


@pytest.fixture
def policy(w: WorkspaceClient, unique_name: str):
    definition = {
        "custom_tags.team": {"type": "fixed", "value": "data"},
        "autotermination_minutes": {"type": "range", "maxValue": 60, "defaultValue": 20},
        "node_type_id": {"type": "allowlist", "values": ["m5d.large", "m5d.xlarge"], "defaultValue": "m5d.large"},
        "instance_pool_id": {"type": "forbidden", "hidden": True},
    }
    created = w.cluster_policies.create(name=unique_name, definition=json.dumps(definition))
    yield created.policy_id
    w.cluster_policies.delete(created.policy_id)


def test_a_cluster_gets_the_policy_values_and_is_refused_what_it_forbids(w: WorkspaceClient, policy: str):
    with pytest.raises(InvalidParameterValue) as refused:
        w.clusters.create(spark_version=SPARK_VERSION, num_workers=0, policy_id=policy, node_type_id="i3.xlarge")
    # Every violation at once, in the order of the definition.
    assert str(refused.value) == (
        "Validation failed for autotermination_minutes, the value must be present; "
        "Validation failed for node_type_id, the value must be one of [m5d.large, m5d.xlarge] "
        '(is "i3.xlarge")'
    )

    cluster_id = w.clusters.create(
        spark_version=SPARK_VERSION, num_workers=0, policy_id=policy, apply_policy_default_values=True
    ).cluster_id
    try:
        cluster = w.clusters.get(cluster_id)
        assert cluster.policy_id == policy
        assert cluster.node_type_id == "m5d.large"
        assert cluster.autotermination_minutes == 20
        assert cluster.custom_tags == {"team": "data"}
        listed = [c.cluster_id for c in w.clusters.list() if c.policy_id == policy]
        assert listed == [cluster_id]
    finally:
        w.clusters.permanent_delete(cluster_id)


def test_policies_are_read_edited_and_listed_by_sdk_and_cli(w: WorkspaceClient, policy: str, unique_name: str):
    got = w.cluster_policies.get(policy)
    assert got.name == unique_name
    assert json.loads(got.definition)["instance_pool_id"] == {"type": "forbidden", "hidden": True}

    w.cluster_policies.edit(policy, name=unique_name, definition="{}", max_clusters_per_user=3)
    edited = w.cluster_policies.get(policy)
    assert (edited.definition, edited.max_clusters_per_user) == ("{}", 3)

    assert policy in [p.policy_id for p in w.cluster_policies.list()]
    cli_listed = run_cli("cluster-policies", "list")
    assert policy in [p["policy_id"] for p in cli_listed]
    assert run_cli("cluster-policies", "get", policy)["name"] == unique_name


def test_a_policy_from_a_family_carries_its_overrides(w: WorkspaceClient, unique_name: str):
    families = {f.policy_family_id: f for f in w.policy_families.list()}
    assert families["personal-vm"].name == "Personal Compute"
    overrides = json.dumps({"autotermination_minutes": {"type": "fixed", "value": 15}})
    created = w.cluster_policies.create(
        name=unique_name, policy_family_id="personal-vm", policy_family_definition_overrides=overrides
    )
    try:
        definition = json.loads(w.cluster_policies.get(created.policy_id).definition)
        assert definition["autotermination_minutes"] == {"type": "fixed", "value": 15}
        assert definition["num_workers"] == {"type": "fixed", "value": 0, "hidden": True}
    finally:
        w.cluster_policies.delete(created.policy_id)
    with pytest.raises(NotFound):
        w.cluster_policies.get(created.policy_id)


def test_a_job_cluster_gets_the_policy_values_when_its_run_starts_it(w: WorkspaceClient, policy: str, unique_name: str):
    notebook = f"/Shared/{unique_name}"
    source = "# Databricks notebook source\ndbutils.notebook.exit('ok')\n"
    w.workspace.import_(
        notebook,
        content=base64.b64encode(source.encode()).decode(),
        format=ImportFormat.SOURCE,
        language=Language.PYTHON,
        overwrite=True,
    )
    try:
        with pytest.raises(InvalidParameterValue, match="node_type_id, the value must be one of"):
            w.jobs.submit(
                run_name=unique_name,
                tasks=[
                    jobs.SubmitTask(
                        task_key="t",
                        notebook_task=jobs.NotebookTask(notebook_path=notebook),
                        new_cluster=ClusterSpec(
                            spark_version=SPARK_VERSION, num_workers=0, policy_id=policy, node_type_id="i3.2xlarge"
                        ),
                    )
                ],
            )
        run = w.jobs.submit(
            run_name=unique_name,
            tasks=[
                jobs.SubmitTask(
                    task_key="t",
                    notebook_task=jobs.NotebookTask(notebook_path=notebook),
                    new_cluster=ClusterSpec(
                        spark_version=SPARK_VERSION, num_workers=0, policy_id=policy, apply_policy_default_values=True
                    ),
                )
            ],
        ).result(timeout=timedelta(minutes=3))
        assert run.state.result_state == jobs.RunResultState.SUCCESS
        cluster = w.clusters.get(run.tasks[0].cluster_instance.cluster_id)
        assert (cluster.policy_id, cluster.node_type_id) == (policy, "m5d.large")
        assert cluster.custom_tags == {"team": "data"}
    finally:
        w.workspace.delete(notebook)
