"""Results of an execution context's commands, in the shapes of the Command Execution API.

Pure helpers of brickyard.repl (no process state): the split of a Python command into its
statements and its last expression, the capped output buffer, and the result objects
(`compute.Results` of the Databricks SDK):

  text   {"resultType": "text", "data": "..."}
  table  {"resultType": "table", "data": [[...], ...], "schema": [{"name", "type", "metadata"}],
          "truncated": bool, "isJsonSchema": true}   (type and metadata are JSON texts)
  error  {"resultType": "error", "summary": "ValueError: boom", "cause": "<traceback>"}

Every value in a table is JSON-safe: decimals, dates and times are their text, binary is base64,
non-finite floats are "NaN", "Infinity" and "-Infinity", rows and maps are objects.
"""

import ast
import base64
import datetime
import decimal
import io
import json
import math

# The rows a table result holds, as Databricks shows for display().
TABLE_ROW_LIMIT = 1000

# The most output a text result holds (characters); Databricks' notebooks also cut long output.
OUTPUT_LIMIT = 1_000_000
OUTPUT_CUT_NOTICE = "\n*** WARNING: max output size exceeded, skipping output. ***"


def split_last_expression(source, filename):
    """(statements, last): the command's module without its last statement when that statement is
    an expression, and that expression (None otherwise), for IPython's display of its value."""
    tree = ast.parse(source, filename, "exec")
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
        return tree, last
    return tree, None


class CappedOutput(io.TextIOBase):
    """What a command prints: kept up to OUTPUT_LIMIT characters, the rest dropped with a notice."""

    def __init__(self, limit=OUTPUT_LIMIT):
        super().__init__()
        self._parts = []
        self._size = 0
        self._limit = limit
        self._cut = False

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        room = self._limit - self._size
        if len(text) > room:
            text = text[: max(room, 0)]
            self._cut = True
        if text:
            self._parts.append(text)
            self._size += len(text)
        return len(text)

    def getvalue(self):
        text = "".join(self._parts)
        return text + OUTPUT_CUT_NOTICE if self._cut else text


def text_result(text):
    return {"resultType": "text", "data": str(text)}


def error_result(summary, cause):
    return {"resultType": "error", "summary": summary, "cause": cause}


def table_result(schema, rows, truncated):
    return {"resultType": "table", "data": rows, "schema": schema, "truncated": truncated, "isJsonSchema": True}


def schema_field(name, type_json, metadata=None):
    """A column: its Spark type and metadata as JSON texts ('"long"', '{}'), as Databricks sends."""
    return {"name": str(name), "type": json.dumps(type_json), "metadata": json.dumps(metadata or {})}


def _float(value):
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def json_safe(value):
    """A cell's value as JSON can carry it."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, (decimal.Decimal, datetime.date, datetime.time, datetime.timedelta)):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    fields = getattr(value, "__fields__", None) or getattr(value, "_fields", None)
    if isinstance(value, tuple) and fields:  # pyspark's Row, namedtuples
        return {str(name): json_safe(item) for name, item in zip(fields, value)}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(item) for item in value]
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item) and getattr(value, "shape", None) == ():
        return json_safe(item())
    tolist = getattr(value, "tolist", None)  # numpy arrays
    if callable(tolist):
        return json_safe(tolist())
    return str(value)


def _rows(rows, limit):
    kept = [[json_safe(cell) for cell in row] for row in rows[:limit]]
    return kept, len(rows) > limit


def spark_table(frame, limit=TABLE_ROW_LIMIT):
    """A Spark DataFrame's first `limit` rows (taking one more tells whether there are more)."""
    schema = [schema_field(f.name, f.dataType.jsonValue(), f.metadata) for f in frame.schema.fields]
    rows, truncated = _rows(frame.take(limit + 1), limit)
    return table_result(schema, rows, truncated)


_PANDAS_INTEGERS = {1: "byte", 2: "short", 4: "integer", 8: "long"}


def pandas_type(dtype):
    """The Spark type name of a pandas column's dtype, as Spark would infer it."""
    kind = getattr(dtype, "kind", "O")
    size = getattr(dtype, "itemsize", 8)
    if kind == "b":
        return "boolean"
    if kind in "iu":
        return _PANDAS_INTEGERS.get(size, "long")
    if kind == "f":
        return "float" if size == 4 else "double"
    if kind == "M":
        return "timestamp"
    return "string"


def pandas_table(frame, limit=TABLE_ROW_LIMIT):
    schema = [schema_field(name, pandas_type(dtype)) for name, dtype in frame.dtypes.items()]
    head = frame.head(limit + 1)
    # Missing values (NaN, NaT, pd.NA) are nulls, as Spark reads them.
    head = head.astype(object).where(head.notna(), None)
    rows, truncated = _rows([list(row) for row in head.itertuples(index=False)], limit)
    return table_result(schema, rows, truncated)


def is_spark_dataframe(value):
    return type(value).__module__.startswith("pyspark.sql") and hasattr(value, "schema") and hasattr(value, "take")


def is_pandas_dataframe(value):
    return type(value).__module__.startswith("pandas") and hasattr(value, "itertuples") and hasattr(value, "dtypes")


def table_of(value, limit=TABLE_ROW_LIMIT):
    """The table result of display(value) for a Spark or pandas DataFrame; None for anything else."""
    if is_spark_dataframe(value):
        return spark_table(value, limit)
    if is_pandas_dataframe(value):
        return pandas_table(value, limit)
    return None


def dumps(results):
    """The JSON text of a result: strict JSON (no NaN), ASCII so that no character breaks a line."""
    return json.dumps(results, allow_nan=False)
