"""The Spark side of bench/streaming: one session, local or a cluster's, and what it measures.

    python workload.py produce --topic T --records N
        N records into a Kafka topic (Spark's own Kafka sink, from a local session)
    python workload.py ingest  --target local|sc://host:port --topic T --sink delta|parquet --path s3a://...
        Kafka -> sink with trigger(availableNow=True): every record there, timed (records/s)
    python workload.py latency --target ... --topic T --sink delta|parquet --path s3a://... --samples 10
        a running stream (trigger as fast as it can): one record produced at a time (by the same
        session), and the time from its Kafka timestamp until a read of the sink returns it

Every command prints one JSON object on its last line. The local target is pyspark's own local[2]
session with the runtime's jars (bench/spark/workload.py); a cluster's is its Spark Connect server.
"""

import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "spark"))
from workload import local_session, session  # noqa: E402  (bench/spark's sessions)

BOOTSTRAP = os.environ.get("BRICKYARD_KAFKA_BOOTSTRAP", "127.0.0.1:19092")
# What a read of the sink answers before the stream's first batch has written it.
NO_SINK_YET = ("PATH_NOT_FOUND", "DELTA_TABLE_NOT_FOUND", "UNABLE_TO_INFER_SCHEMA")


def kafka_stream(spark, topic):
    return (
        spark.readStream.format("kafka")
        .option("kafka.bootstrap.servers", BOOTSTRAP)
        .option("subscribe", topic)
        .option("startingOffsets", "earliest")
        .load()
        .selectExpr("CAST(key AS STRING) AS id", "CAST(value AS STRING) AS body", "timestamp", "offset")
    )


def write_stream(df, sink, path):
    return (
        df.writeStream.format(sink)
        .option("checkpointLocation", f"{path}/_checkpoint")
        .option("path", f"{path}/data")
    )


def read_sink(spark, sink, path):
    return spark.read.format(sink).load(f"{path}/data")


def cmd_produce(args):
    spark = local_session()
    started = time.perf_counter()
    (
        spark.range(args.records)
        .selectExpr("CAST(id AS STRING) AS key", "to_json(named_struct('id', id, 'pad', repeat('x', 64))) AS value")
        .write.format("kafka")
        .option("kafka.bootstrap.servers", BOOTSTRAP)
        .option("topic", args.topic)
        .save()
    )
    return {"records": args.records, "produce_ms": (time.perf_counter() - started) * 1000}


def cmd_ingest(args):
    spark = session(args.target)
    started = time.perf_counter()
    query = write_stream(kafka_stream(spark, args.topic), args.sink, args.path).trigger(availableNow=True).start()
    query.awaitTermination()
    elapsed = time.perf_counter() - started
    rows = read_sink(spark, args.sink, args.path).count()
    return {"rows": rows, "ingest_ms": elapsed * 1000, "records_per_second": rows / elapsed}


def find_record(spark, args, key):
    """The record's Kafka timestamp as a row, once the sink has it (the sink's first batch makes it)."""
    try:
        return read_sink(spark, args.sink, args.path).where(f"id = '{key}'").select("timestamp").collect()
    except Exception as error:  # noqa: BLE001 - no table before the first batch; anything else is raised
        if not any(code in str(error) for code in NO_SINK_YET):
            raise
        return []


def produce_one(spark, topic, key):
    """One record, produced by the session itself (a process holds one kind of session)."""
    spark.createDataFrame([(key, "{}")], "key string, value string").write.format("kafka").option(
        "kafka.bootstrap.servers", BOOTSTRAP
    ).option("topic", topic).save()


def cmd_latency(args):
    spark = session(args.target)
    # The topic exists before the stream subscribes to it.
    produce_one(spark, args.topic, "warm-up")
    query = write_stream(kafka_stream(spark, args.topic), args.sink, args.path).start()
    latencies = []
    try:
        for sample in range(args.samples):
            key = f"latency-{sample}"
            produce_one(spark, args.topic, key)
            deadline = time.time() + 120
            while time.time() < deadline:
                found = find_record(spark, args, key)
                if found:
                    latencies.append((time.time() - found[0][0].timestamp()) * 1000)
                    break
            else:
                raise RuntimeError(f"record {key} never reached the sink")
    finally:
        query.stop()
    return {"p50_ms": statistics.median(latencies), "max_ms": max(latencies), "samples": len(latencies)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["produce", "ingest", "latency"])
    parser.add_argument("--target", default="local")
    parser.add_argument("--topic", required=True)
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--sink", choices=["delta", "parquet"], default="delta")
    parser.add_argument("--path")
    parser.add_argument("--samples", type=int, default=10)
    args = parser.parse_args()
    result = {"produce": cmd_produce, "ingest": cmd_ingest, "latency": cmd_latency}[args.command](args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
