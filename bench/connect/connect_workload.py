"""Spark Connect round trips and Arrow transfers, for bench/connect/run.ts.

    python3 connect_workload.py <round trips> <toPandas megabytes> <toPandas repeats> <sc:// URL>...

Runs with the Spark runtime's pyspark (Apache Spark's own client). One session per URL, used in
turn: each round trip of a small query and each toPandas() of a DataFrame of about the given size
goes to every path before the next starts, so that the noise of a busy machine falls on all paths
alike. Prints one JSON line: per URL, the latency of each round trip of the query and of a single
Config call (ms), and the seconds and bytes of each transfer.
"""

import json
import sys
import time

from pyspark.sql import SparkSession

# Four longs per row: 32 bytes of Arrow data a row.
ROW_BYTES = 32


def timed(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main():
    round_trips, megabytes, repeats = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    urls = sys.argv[4:]
    sessions = [SparkSession.builder.remote(url).create() for url in urls]
    rows = megabytes * 1024 * 1024 // ROW_BYTES
    small = [spark.sql("SELECT 1 AS one") for spark in sessions]
    large = [spark.range(rows).selectExpr("id", "id * 2 AS b", "id * 3 AS c", "id * 4 AS d") for spark in sessions]
    for frame in small:
        frame.collect()
    for frame in large:
        frame.limit(10).toPandas()

    latencies = [[] for _ in urls]
    configs = [[] for _ in urls]
    for _ in range(round_trips):
        for index, frame in enumerate(small):
            seconds, _ = timed(frame.collect)
            latencies[index].append(seconds * 1000)
        # One unary call (Config), beside the several calls of a query: the host's cost per call.
        for index, spark in enumerate(sessions):
            seconds, _ = timed(lambda: spark.conf.get("spark.app.name"))
            configs[index].append(seconds * 1000)
    transfers = [[] for _ in urls]
    for _ in range(repeats):
        for index, frame in enumerate(large):
            seconds, pandas = timed(frame.toPandas)
            transfers[index].append({"seconds": seconds, "bytes": int(pandas.memory_usage(index=False).sum())})
            del pandas
    for spark in sessions:
        spark.client.release_session()
    print(
        json.dumps(
            [
                {"latencies_ms": latencies[i], "config_ms": configs[i], "transfers": transfers[i]}
                for i in range(len(urls))
            ]
        )
    )


if __name__ == "__main__":
    main()
