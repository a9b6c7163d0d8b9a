# The Python clients of the platform in a venv of their own, $PYTHON_VENV: the Databricks SDK,
# Databricks Connect, and pytest for test/e2e, pinned in test/e2e/requirements.txt. .brickyard/env
# puts its bin first on PATH, so after `source .brickyard/env` the README's `python3 -c 'from databricks.sdk import ...'`
# works as written, and `make test-e2e` runs the same interpreter.

PYTHON_REQUIREMENTS=$REPO_ROOT/test/e2e/requirements.txt

# A copy of the requirements the venv was made from marks it complete (it is written last, so an
# interrupted install is redone). Other requirements, or a venv whose base Python went away (a new
# pyenv version), make it again from scratch: pip would leave dropped packages behind.
ensure_python_clients() {
  local stamp=$PYTHON_VENV/requirements.txt started=$SECONDS
  if venv_has_python_version "$PYTHON_VENV" && cmp -s "$PYTHON_REQUIREMENTS" "$stamp"; then
    echo "  python clients cached in $PYTHON_VENV"
    return
  fi
  local python
  python=$(python_of_version)
  rm -rf "$PYTHON_VENV"
  "$python" -m venv "$PYTHON_VENV"
  "$PYTHON_VENV/bin/python3" -m pip install --quiet --disable-pip-version-check -r "$PYTHON_REQUIREMENTS"
  cp "$PYTHON_REQUIREMENTS" "$stamp"
  echo "  python clients of ${PYTHON_REQUIREMENTS#"$REPO_ROOT"/} installed in $PYTHON_VENV in $((SECONDS - started)) s"
}
