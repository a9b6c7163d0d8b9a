"""Text rendering of tabular values for the logs (the layout of Spark's DataFrame.show())."""

_MAX_CELL = 60


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


def _as_table(value):
    """(columns, rows) for lists of namedtuples, dicts or tuples; None otherwise."""
    if not isinstance(value, (list, tuple)) or not value:
        return None
    first = value[0]
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
    """Prints a value: lists of rows (dicts, namedtuples, tuples) as a table, anything else as is."""
    if value is None:
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
