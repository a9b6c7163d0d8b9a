package dev.brickyard.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.DataSource;
import org.apache.spark.sql.execution.streaming.Source;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.sources.StreamSourceProvider;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Auto Loader: `spark.readStream.format("cloudFiles")` over a folder of files, as Databricks
 * Runtime has it, made of Spark's own file stream source (the files seen are kept in the query's
 * checkpoint, so each is read once across restarts). `cloudFiles.format` names the files' format;
 * without a schema of the user's, the schema is inferred from the files there on the first run and
 * kept at `cloudFiles.schemaLocation` (`_schemas/0`), which later runs read, as Auto Loader does.
 * Inferred JSON and CSV columns are strings unless `cloudFiles.inferColumnTypes` is true.
 */
public final class CloudFilesSource implements StreamSourceProvider, DataSourceRegister {
  private static final String SCHEMA_FILE = "_schemas/0";

  @Override
  public String shortName() {
    return "cloudFiles";
  }

  @Override
  public Tuple2<String, StructType> sourceSchema(
      SQLContext sqlContext,
      Option<StructType> schema,
      String providerName,
      scala.collection.immutable.Map<String, String> parameters) {
    CloudFilesOptions options = CloudFilesOptions.parse(CollectionConverters.asJava(parameters));
    return new Tuple2<>(shortName(), resolveSchema(sqlContext.sparkSession(), schema, options));
  }

  @Override
  public Source createSource(
      SQLContext sqlContext,
      String metadataPath,
      Option<StructType> schema,
      String providerName,
      scala.collection.immutable.Map<String, String> parameters) {
    SparkSession session = sqlContext.sparkSession();
    CloudFilesOptions options = CloudFilesOptions.parse(CollectionConverters.asJava(parameters));
    StructType resolved = resolveSchema(session, schema, options);
    DataSource files =
        new DataSource(
            (org.apache.spark.sql.classic.SparkSession) session,
            options.format,
            CollectionConverters.asScala(java.util.List.<String>of()).toList(),
            Option.apply(resolved),
            CollectionConverters.asScala(java.util.List.<String>of()).toList(),
            Option.empty(),
            scala.collection.immutable.Map.from(CollectionConverters.asScala(options.readerOptions)),
            Option.empty(),
            Option.empty());
    return files.createSource(metadataPath);
  }

  private static StructType resolveSchema(
      SparkSession session, Option<StructType> given, CloudFilesOptions options) {
    if (given.isDefined()) return given.get();
    if (options.schemaLocation == null) {
      throw new IllegalArgumentException(
          "Auto Loader infers the schema only with cloudFiles.schemaLocation, where it keeps it; "
              + "set it, or give the stream a schema");
    }
    Path schemaFile = new Path(options.schemaLocation, SCHEMA_FILE);
    try {
      FileSystem fs = schemaFile.getFileSystem(session.sparkContext().hadoopConfiguration());
      if (fs.exists(schemaFile)) {
        byte[] stored = fs.open(schemaFile).readAllBytes();
        return (StructType) DataType.fromJson(new String(stored, StandardCharsets.UTF_8));
      }
      StructType inferred = infer(session, options);
      try (FSDataOutputStream out = fs.create(schemaFile, false)) {
        out.write(inferred.json().getBytes(StandardCharsets.UTF_8));
      }
      return inferred;
    } catch (IOException e) {
      throw new UncheckedIOException("Auto Loader could not keep its schema at " + schemaFile, e);
    }
  }

  /** The files' schema as a batch read of them infers it. */
  private static StructType infer(SparkSession session, CloudFilesOptions options) {
    Map<String, String> reader = new HashMap<>(options.readerOptions);
    String path = reader.remove("path");
    reader.remove("maxFilesPerTrigger");
    reader.remove("maxBytesPerTrigger");
    StructType inferred = session.read().format(options.format).options(reader).load(path).schema();
    if (!options.infersStrings()) return inferred;
    return new StructType(
        Arrays.stream(inferred.fields())
            .map(field -> new StructField(field.name(), DataTypes.StringType, true, field.metadata()))
            .toArray(StructField[]::new));
  }
}
