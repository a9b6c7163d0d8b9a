package dev.brickyard.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolAdoptionTest {
  @Test
  void appliesTheFileSettingsAndMarksTheFileApplied(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("adoption.properties");
    Files.writeString(
        file,
        "spark.databricks.clusterUsageTags.clusterId=1205-120000-abc\n"
            + "spark.sql.catalog.sales=dev.brickyard.catalog.UnityCatalog\n"
            + "spark.brickyard.odd\\=key=a\\:b\n");
    SparkConf conf = new SparkConf(false).set("spark.databricks.clusterUsageTags.clusterId", "pool-pod");

    PoolAdoption.apply(conf, file);

    assertEquals("1205-120000-abc", conf.get("spark.databricks.clusterUsageTags.clusterId"));
    assertEquals("dev.brickyard.catalog.UnityCatalog", conf.get("spark.sql.catalog.sales"));
    assertEquals("a:b", conf.get("spark.brickyard.odd=key"));
    assertTrue(Files.exists(dir.resolve("adoption.properties.applied")));
  }
}
