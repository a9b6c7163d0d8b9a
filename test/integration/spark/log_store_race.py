"""Many threads write the same Delta commit file at once through the runtime's log store, as
writers on many clusters would; prints how many won and how many were refused, as JSON.

Usage: log_store_race.py <commit file path> <writers>
The settings come as JSON in BRICKYARD_TEST_SPARK_CONF. The log store holds no lock of its own,
so the threads of one JVM race exactly as drivers on different clusters do.
"""

import json
import os
import sys
import threading

from pyspark.sql import SparkSession


def main() -> None:
    path, writers = sys.argv[1], int(sys.argv[2])
    builder = SparkSession.builder
    for key, value in json.loads(os.environ["BRICKYARD_TEST_SPARK_CONF"]).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    jvm = spark._jvm
    conf = spark._jsc.hadoopConfiguration()
    commit = jvm.org.apache.hadoop.fs.Path(path)
    commit.getFileSystem(conf).mkdirs(commit.getParent())
    store = jvm.dev.brickyard.delta.ConditionalPutLogStore(conf)

    outcomes: list[str] = []
    start = threading.Barrier(writers)

    def write(writer: int) -> None:
        lines = jvm.java.util.ArrayList()
        lines.add(json.dumps({"commitInfo": {"writer": writer}}))
        start.wait()
        try:
            store.write(commit, lines.iterator(), False, conf)
            outcomes.append("won")
        except Exception as error:
            outcomes.append("refused" if "FileAlreadyExistsException" in str(error) else str(error)[:500])

    threads = [threading.Thread(target=write, args=(writer,)) for writer in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    content = "".join(store.read(commit, conf))
    spark.stop()
    print(json.dumps({"outcomes": outcomes, "content": content}), flush=True)


if __name__ == "__main__":
    main()
