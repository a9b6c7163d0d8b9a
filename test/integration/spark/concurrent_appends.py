"""One cluster of the concurrent-commit test: a Spark session of its own (its own driver JVM, as
each cluster has) with the runtime's settings, whose writer threads all append to one Delta table.

Usage: concurrent_appends.py <table> <writer> <threads> <appends> [--create]
The settings come as JSON in BRICKYARD_TEST_SPARK_CONF. Prints "ready" once the session is up (and
the table made, with --create), then waits for a line on stdin so that both clusters start
committing at once.
"""

import json
import os
import sys
import threading

from pyspark.sql import SparkSession

SCHEMA = "writer STRING, thread INT, seq INT"


def main() -> None:
    table, writer, threads, appends = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    builder = SparkSession.builder
    for key, value in json.loads(os.environ["BRICKYARD_TEST_SPARK_CONF"]).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    if "--create" in sys.argv:
        spark.createDataFrame([], SCHEMA).write.format("delta").save(table)
    print("ready", flush=True)
    sys.stdin.readline()

    failures: list[str] = []

    def append(thread: int) -> None:
        try:
            for seq in range(appends):
                row = spark.createDataFrame([(writer, thread, seq)], SCHEMA)
                row.write.format("delta").mode("append").save(table)
        except Exception as error:  # reported below: the test fails on any lost writer
            failures.append(f"{writer}/{thread}: {error}")

    workers = [threading.Thread(target=append, args=(thread,)) for thread in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    spark.stop()
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)
    print("done", flush=True)


if __name__ == "__main__":
    main()
