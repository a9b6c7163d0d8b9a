# The Python of the platform: Databricks Runtime 19.x runs Python 3.12, and Databricks Connect 19.x
# needs it on the client too (a UDF only runs where the client's and the cluster's minor versions
# match). The runtime's venv and the clients' venv are both made from it: the one on PATH, else pyenv's.
PYTHON_VERSION=3.12

python_of_version() {
  local candidate
  for candidate in "$(command -v "python$PYTHON_VERSION" || true)" \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$PYTHON_VERSION".*/bin/python"$PYTHON_VERSION"; do
    if [[ -x $candidate ]] && "$candidate" -c '' 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
  echo "Python $PYTHON_VERSION is needed (the runtime's and Databricks Connect's); install it, e.g. pyenv install $PYTHON_VERSION" >&2
  return 1
}

# Whether a venv's interpreter runs and is of $PYTHON_VERSION.
venv_has_python_version() { # <venv>
  "$1/bin/python3" -c "import sys; assert sys.version.startswith('$PYTHON_VERSION.')" 2>/dev/null
}
