"""The query set straight to a warehouse's Spark Connect server, for bench/sql/run.ts: the engine
the Statement Execution API drives, without the API.

    python3 connect_workload.py <sc:// URL> <catalog.schema> <queries.json> <repeats> <point repeats>

Runs with the Spark runtime's pyspark (Apache Spark's own client) in one session, the cheapest way
to Spark. The API keeps sessions between statements too (services/api/src/sql-engine/session-pool.ts),
but only those that statements left as new, so settings never leak between statements; what the
comparison shows is the API's own cost over that. Prints one JSON line: {query: [milliseconds, ...]}.
"""

import json
import sys
import time

from pyspark.sql import SparkSession


def main():
    url, schema, queries_file = sys.argv[1], sys.argv[2], sys.argv[3]
    repeats, point_repeats = int(sys.argv[4]), int(sys.argv[5])
    queries = json.load(open(queries_file))
    spark = SparkSession.builder.remote(url).create()
    spark.sql(f"USE {schema}")
    timings = {}
    for name, sql in queries.items():
        spark.sql(sql).collect()
        timings[name] = []
        for _ in range(point_repeats if name == "point" else repeats):
            started = time.perf_counter()
            spark.sql(sql).collect()
            timings[name].append((time.perf_counter() - started) * 1000)
    spark.stop()
    print(json.dumps(timings))


if __name__ == "__main__":
    main()
