"""Text rendering of tabular values for the logs (the layout of Spark's DataFrame.show())."""

_MAX_CELL = 60
_MAX_ROWS = 20


def _cell(value):
    if value is None:
        text = "NULL"
    else:
        text = str(value)
    text = text.replace("\r\n", "\\n").replace("\n", "\\n")
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 3] + "..."


def format_table(columns, rows, truncated=False):
    cells = [[_cell(row[i] if i < len(row) else None) for i in range(len(columns))] for row in rows]
    widths = [max([len(str(name))] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]
    rule = "+" + "+".join("-" * width for width in widths) + "+"

    def line(values):
        return "|" + "|".join(str(value).rjust(widths[i]) for i, value in enumerate(values)) + "|"

    lines = [rule, line(columns), rule] + [line(row) for row in cells] + [rule]
    if truncated:
        lines.append(f"only showing top {len(rows)} row{'' if len(rows) == 1 else 's'}")
    return "\n".join(lines)


def _is_spark_dataframe(value):
    return type(value).__module__.startswith("pyspark.sql") and callable(getattr(value, "show", None))


def _is_pandas_dataframe(value):
    return type(value).__module__.startswith("pandas") and hasattr(value, "itertuples")


def _as_table(value):
    """(columns, rows) for lists of Rows, namedtuples, dicts or tuples; None otherwise."""
    if not isinstance(value, (list, tuple)) or not value:
        return None
    first = value[0]
    if hasattr(first, "__fields__"):  # pyspark's Row, from collect()
        return list(first.__fields__), [list(item) for item in value]
    if hasattr(first, "_fields"):
        return list(first._fields), [list(item) for item in value]
    if isinstance(first, dict):
        columns = list(first.keys())
        return columns, [[item.get(name) for name in columns] for item in value]
    if isinstance(first, (list, tuple)):
        width = max(len(item) for item in value)
        return [f"_{i + 1}" for i in range(width)], [list(item) for item in value]
    return None


def display(value=None, *args, **kwargs):
    """Prints a value as a table: Spark and pandas DataFrames (their first 20 rows), lists of rows
    (Rows, dicts, namedtuples, tuples); anything else as is."""
    if value is None:
        return
    if _is_spark_dataframe(value):
        value.show(_MAX_ROWS, truncate=_MAX_CELL)
        return
    if _is_pandas_dataframe(value):
        rows = [list(row) for row in value.head(_MAX_ROWS).itertuples(index=False)]
        print(format_table([str(name) for name in value.columns], rows, len(value) > _MAX_ROWS))
        return
    show = getattr(value, "show", None)
    if callable(show):
        show()
        return
    table = _as_table(value)
    if table is not None:
        print(format_table(*table))
    else:
        print(value)


def displayHTML(html):
    print(html)
