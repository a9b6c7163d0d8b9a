package dev.brickyard.streaming;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Auto Loader's options (`cloudFiles.*`) as Spark's file stream source understands them: the
 * format of the files, the schema location, the rate limits; every other option (a reader option
 * of the format, such as `header` or `multiLine`) passes through.
 */
final class CloudFilesOptions {
  static final String PREFIX = "cloudfiles.";

  final String format;
  final String schemaLocation;
  final boolean inferColumnTypes;
  /** What the format's reader and Spark's file stream source are given. */
  final Map<String, String> readerOptions;

  private CloudFilesOptions(
      String format, String schemaLocation, boolean inferColumnTypes, Map<String, String> readerOptions) {
    this.format = format;
    this.schemaLocation = schemaLocation;
    this.inferColumnTypes = inferColumnTypes;
    this.readerOptions = readerOptions;
  }

  /** Parses a stream's options (Spark hands them over with keys in any case). */
  static CloudFilesOptions parse(Map<String, String> options) {
    String format = null;
    String schemaLocation = null;
    boolean inferColumnTypes = false;
    Map<String, String> reader = new HashMap<>();
    for (Map.Entry<String, String> option : options.entrySet()) {
      String key = option.getKey().toLowerCase(Locale.ROOT);
      String value = option.getValue();
      if (!key.startsWith(PREFIX)) {
        reader.put(option.getKey(), value);
        continue;
      }
      switch (key.substring(PREFIX.length())) {
        case "format" -> format = value.toLowerCase(Locale.ROOT);
        case "schemalocation" -> schemaLocation = value;
        case "infercolumntypes" -> inferColumnTypes = Boolean.parseBoolean(value);
        case "maxfilespertrigger" -> reader.put("maxFilesPerTrigger", value);
        case "maxbytespertrigger" -> reader.put("maxBytesPerTrigger", value);
        // Spark's file source lists what is there at each trigger; notification mode has no
        // meaning for an S3 server without event notifications, so listing it is.
        case "usenotifications", "uselistingmode", "validateoptions" -> {}
        default ->
            throw new IllegalArgumentException(
                "Auto Loader option " + option.getKey() + " is not supported by Brickyard's runtime");
      }
    }
    if (format == null) {
      throw new IllegalArgumentException(
          "Auto Loader needs cloudFiles.format: the format of the files (json, csv, parquet, text, ...)");
    }
    return new CloudFilesOptions(format, schemaLocation, inferColumnTypes, reader);
  }

  /** Formats whose schema Auto Loader infers as strings unless cloudFiles.inferColumnTypes is set. */
  boolean infersStrings() {
    return !inferColumnTypes && (format.equals("json") || format.equals("csv"));
  }
}
