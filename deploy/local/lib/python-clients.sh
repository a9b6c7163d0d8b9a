# The Python clients of the platform in a venv of their own, $PYTHON_VENV: the Databricks SDK,
# Databricks Connect, and pytest for test/e2e, pinned in test/e2e/requirements.txt. .brickyard/env
# puts its bin first on PATH, so after `source .brickyard/env` the README's `python3 -c 'from databricks.sdk import ...'`
# works as written, and `make test-e2e` runs the same interpreter.

PYTHON_REQUIREMENTS=$REPO_ROOT/test/e2e/requirements.txt
# dbt-databricks pins older Databricks clients than the venv above has: it gets a venv of its own,
# $DBT_VENV (test/e2e/test_dbt.py runs its bin/dbt).
DBT_REQUIREMENTS=$REPO_ROOT/test/e2e/dbt-requirements.txt

ensure_python_clients() {
  ensure_venv "$PYTHON_VENV" "$PYTHON_REQUIREMENTS"
  ensure_venv "$DBT_VENV" "$DBT_REQUIREMENTS"
  ensure_venv "$MLFLOW_VENV" "$REPO_ROOT/deploy/local/mlflow-requirements.txt"
}

# A copy of the requirements the venv was made from marks it complete (it is written last, so an
# interrupted install is redone). Other requirements, or a venv whose base Python went away (a new
# pyenv version), make it again from scratch: pip would leave dropped packages behind.
ensure_venv() { # <venv> <requirements file>
  local venv=$1 requirements=$2
  local stamp=$venv/requirements.txt started=$SECONDS
  if venv_has_python_version "$venv" && cmp -s "$requirements" "$stamp"; then
    echo "  python clients cached in $venv"
    return
  fi
  local python
  python=$(python_of_version)
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$stamp"
  echo "  python clients of ${requirements#"$REPO_ROOT"/} installed in $venv in $((SECONDS - started)) s"
}
