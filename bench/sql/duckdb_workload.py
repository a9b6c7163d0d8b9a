"""The query set on DuckDB over the same Parquet files, for bench/sql/run.ts: the single-node
engine a user would pick instead of a warehouse.

    python3 duckdb_workload.py <parquet directory> <queries.json> <repeats> <point repeats>

Prints one JSON line: {query: [milliseconds, ...]}.
"""

import json
import sys
import time

import duckdb


def main():
    directory, queries_file, repeats, point_repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    queries = json.load(open(queries_file))
    connection = duckdb.connect()
    for table in ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"]:
        connection.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{directory}/{table}.parquet')")
    timings = {}
    for name, sql in queries.items():
        connection.execute(sql).fetchall()
        timings[name] = []
        for _ in range(point_repeats if name == "point" else repeats):
            started = time.perf_counter()
            connection.execute(sql).fetchall()
            timings[name].append((time.perf_counter() - started) * 1000)
    print(json.dumps(timings))


if __name__ == "__main__":
    main()
