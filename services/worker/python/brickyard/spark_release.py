"""Interrupts and releases a task's Spark Connect session: python3 -m brickyard.spark_release

The executor runs it when a task run ends without releasing its own session (canceled, timed out,
or its Python process died): SPARK_REMOTE names the session, as it did for the run. Queries the run
started stop on the cluster's shared driver instead of running on without anyone waiting for them.
"""

import sys

from pyspark.sql import SparkSession


def main():
    spark = SparkSession.builder.getOrCreate()
    interrupted = spark.interruptAll()
    spark.stop()
    if interrupted:
        count = len(interrupted)
        print(f"Stopped {count} Spark operation{'' if count == 1 else 's'} of the run.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
