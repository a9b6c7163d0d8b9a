package dev.brickyard.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Auto Loader's options as Spark's file stream source is given them. */
class CloudFilesOptionsTest {
  @Test
  void mapsTheRateLimitsAndPassesTheFormatsOwnOptionsThrough() {
    CloudFilesOptions options =
        CloudFilesOptions.parse(
            Map.of(
                "cloudFiles.format", "CSV",
                "cloudFiles.schemaLocation", "dbfs:/schemas/orders",
                "cloudFiles.maxFilesPerTrigger", "5",
                "cloudfiles.maxbytespertrigger", "10m",
                "header", "true",
                "path", "dbfs:/landing"));
    assertEquals("csv", options.format);
    assertEquals("dbfs:/schemas/orders", options.schemaLocation);
    assertEquals(
        Map.of("maxFilesPerTrigger", "5", "maxBytesPerTrigger", "10m", "header", "true", "path", "dbfs:/landing"),
        options.readerOptions);
  }

  @Test
  void infersJsonAndCsvColumnsAsStringsUnlessAskedForTheirTypes() {
    assertTrue(CloudFilesOptions.parse(Map.of("cloudFiles.format", "json")).infersStrings());
    assertFalse(
        CloudFilesOptions.parse(Map.of("cloudFiles.format", "json", "cloudFiles.inferColumnTypes", "true"))
            .infersStrings());
    assertFalse(CloudFilesOptions.parse(Map.of("cloudFiles.format", "parquet")).infersStrings());
  }

  @Test
  void refusesAStreamWithoutAFormatAndOptionsItDoesNotSupportByName() {
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> CloudFilesOptions.parse(Map.of("path", "/x")));
    assertTrue(missing.getMessage().startsWith("Auto Loader needs cloudFiles.format"));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CloudFilesOptions.parse(
                    Map.of("cloudFiles.format", "json", "cloudFiles.schemaEvolutionMode", "rescue")));
    assertEquals(
        "Auto Loader option cloudFiles.schemaEvolutionMode is not supported by Brickyard's runtime",
        unknown.getMessage());
  }
}
