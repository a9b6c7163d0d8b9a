"""TPC-H data for bench/sql/run.ts: Parquet files here, and the same rows as Delta tables in S3.

    python3 tpch_data.py <scale factor> <local directory> <s3://bucket/prefix>

tpchgen-cli writes one Parquet file per table into the directory (DuckDB's input); delta-rs writes
each as a Delta table below the S3 prefix (registered in Unity Catalog by run.ts, read by Spark).
Prints one JSON line: {table: s3 location}.
"""

import json
import os
import subprocess
import sys

import deltalake
import pyarrow.parquet as pq

TABLES = ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"]


def storage_options() -> dict[str, str]:
    return {
        "AWS_ENDPOINT_URL": os.environ["AWS_ENDPOINT_URL_S3"],
        "AWS_ACCESS_KEY_ID": os.environ["AWS_ACCESS_KEY_ID"],
        "AWS_SECRET_ACCESS_KEY": os.environ["AWS_SECRET_ACCESS_KEY"],
        "AWS_REGION": os.environ["AWS_REGION"],
        "AWS_ALLOW_HTTP": "true",
        "AWS_S3_ALLOW_UNSAFE_RENAME": "true",
    }


def main():
    scale, directory, prefix = sys.argv[1], sys.argv[2], sys.argv[3].rstrip("/")
    subprocess.run(
        ["tpchgen-cli", "parquet", "-s", scale, f"--output-dir={directory}"], check=True, stdout=subprocess.DEVNULL
    )
    locations = {}
    for table in TABLES:
        location = f"{prefix}/{table}"
        deltalake.write_deltalake(location, pq.read_table(f"{directory}/{table}.parquet"), storage_options=storage_options())
        locations[table] = location
    print(json.dumps(locations))


if __name__ == "__main__":
    main()
