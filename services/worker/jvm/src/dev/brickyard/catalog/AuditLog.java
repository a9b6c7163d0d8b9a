package dev.brickyard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Databricks' audit log system table, `system.access.audit`, over the API's audit log of the
 * workspace (`GET /api/2.0/brickyard/audit-log`, which only workspace admins may read). Its columns
 * are those of Databricks' table; rows are read when a query runs. Filters on event_time and
 * event_date (ranges) and on service_name and action_name (equality) narrow what is asked of the
 * API; Spark still applies every filter to the rows.
 */
final class AuditLog {
  static final String SCHEMA = "access";
  static final String TABLE = "audit";
  static final String API_PATH = "/api/2.0/brickyard/audit-log";
  private static final long DAY_MS = 86_400_000L;
  private static final int PAGE = 1000;

  private static final StructType USER_IDENTITY =
      new StructType().add("email", DataTypes.StringType).add("subjectName", DataTypes.StringType);
  private static final StructType RESPONSE =
      new StructType()
          .add("statusCode", DataTypes.IntegerType)
          .add("errorMessage", DataTypes.StringType)
          .add("result", DataTypes.StringType);
  private static final StructType IDENTITY_METADATA =
      new StructType()
          .add("run_by", DataTypes.StringType)
          .add("run_as", DataTypes.StringType)
          .add("acting_resource", DataTypes.StringType);

  static final StructType SCHEMA_TYPE =
      new StructType()
          .add("account_id", DataTypes.StringType)
          .add("workspace_id", DataTypes.StringType)
          .add("version", DataTypes.StringType)
          .add("event_time", DataTypes.TimestampType)
          .add("event_date", DataTypes.DateType)
          .add("source_ip_address", DataTypes.StringType)
          .add("user_agent", DataTypes.StringType)
          .add("session_id", DataTypes.StringType)
          .add("user_identity", USER_IDENTITY)
          .add("service_name", DataTypes.StringType)
          .add("action_name", DataTypes.StringType)
          .add("request_id", DataTypes.StringType)
          .add("request_params", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
          .add("response", RESPONSE)
          .add("audit_level", DataTypes.StringType)
          .add("event_id", DataTypes.StringType)
          .add("identity_metadata", IDENTITY_METADATA);

  private AuditLog() {}

  /** Whether a name in a catalog is this table: `access.audit` of the `system` catalog. */
  static boolean isAuditLog(String ownCatalog, Identifier identifier) {
    String[] namespace = identifier.namespace();
    if (!identifier.name().equalsIgnoreCase(TABLE)
        || namespace.length == 0
        || namespace.length > 2
        || !namespace[namespace.length - 1].equalsIgnoreCase(SCHEMA)) {
      return false;
    }
    return SecurableName.schemaOf(ownCatalog, namespace).catalog().equals(InformationSchema.ALL_CATALOGS);
  }

  /** The audit log's query for the filters it can narrow by (epoch ms, inclusive, as the API takes). */
  static Map<String, String> queryOf(Filter[] filters) {
    long start = 0;
    long end = Long.MAX_VALUE;
    Map<String, String> query = new LinkedHashMap<>();
    for (Filter filter : filters) {
      if (filter instanceof EqualTo equal && equal.value() instanceof String value) {
        if (equal.attribute().equals("service_name") || equal.attribute().equals("action_name")) {
          query.put(equal.attribute(), value);
        }
        continue;
      }
      long[] range = rangeOf(filter);
      if (range == null) continue;
      start = Math.max(start, range[0]);
      end = Math.min(end, range[1]);
    }
    if (start > 0) query.put("start_time", Long.toString(start));
    if (end != Long.MAX_VALUE) query.put("end_time", Long.toString(Math.max(end, 0)));
    query.put("max_results", Integer.toString(PAGE));
    return query;
  }

  /** The event_time range (epoch ms, inclusive) a filter on event_time or event_date keeps, or null. */
  private static long[] rangeOf(Filter filter) {
    String attribute;
    Object value;
    if (filter instanceof GreaterThan f) {
      attribute = f.attribute();
      value = f.value();
    } else if (filter instanceof GreaterThanOrEqual f) {
      attribute = f.attribute();
      value = f.value();
    } else if (filter instanceof LessThan f) {
      attribute = f.attribute();
      value = f.value();
    } else if (filter instanceof LessThanOrEqual f) {
      attribute = f.attribute();
      value = f.value();
    } else if (filter instanceof EqualTo f) {
      attribute = f.attribute();
      value = f.value();
    } else {
      return null;
    }
    long[] bounds = boundsOf(attribute, value);
    if (bounds == null) return null;
    // bounds: the first and last ms the value itself stands for (a day, or one instant).
    if (filter instanceof GreaterThan) return new long[] {bounds[1] + 1, Long.MAX_VALUE};
    if (filter instanceof GreaterThanOrEqual) return new long[] {bounds[0], Long.MAX_VALUE};
    if (filter instanceof LessThan) return new long[] {0, bounds[0] - 1};
    if (filter instanceof LessThanOrEqual) return new long[] {0, bounds[1]};
    return bounds;
  }

  private static long[] boundsOf(String attribute, Object value) {
    if (attribute.equals("event_date")) {
      LocalDate day =
          value instanceof LocalDate local ? local : value instanceof Date date ? date.toLocalDate() : null;
      if (day == null) return null;
      long first = day.toEpochDay() * DAY_MS;
      return new long[] {first, first + DAY_MS - 1};
    }
    if (attribute.equals("event_time")) {
      Instant instant =
          value instanceof Instant at ? at : value instanceof Timestamp stamp ? stamp.toInstant() : null;
      if (instant == null) return null;
      long ms = instant.toEpochMilli();
      // A time within a millisecond stands for that millisecond, the log's precision.
      return new long[] {ms, ms};
    }
    return null;
  }

  /** An event of the API's audit log as a row of the table. */
  static InternalRow rowOf(JsonNode event) {
    JsonNode identity = event.path("user_identity");
    JsonNode response = event.path("response");
    JsonNode metadata = event.path("identity_metadata");
    List<UTF8String> keys = new ArrayList<>();
    List<UTF8String> values = new ArrayList<>();
    event.path("request_params").properties().forEach(entry -> {
      keys.add(UTF8String.fromString(entry.getKey()));
      values.add(text(entry.getValue()));
    });
    return new GenericInternalRow(
        new Object[] {
          text(event.path("account_id")),
          text(event.path("workspace_id")),
          text(event.path("version")),
          event.path("event_time").asLong() * 1000L,
          (int) LocalDate.parse(event.path("event_date").asText()).toEpochDay(),
          text(event.path("source_ip_address")),
          text(event.path("user_agent")),
          text(event.path("session_id")),
          new GenericInternalRow(new Object[] {text(identity.path("email")), text(identity.path("subjectName"))}),
          text(event.path("service_name")),
          text(event.path("action_name")),
          text(event.path("request_id")),
          new ArrayBasedMapData(new GenericArrayData(keys.toArray()), new GenericArrayData(values.toArray())),
          new GenericInternalRow(
              new Object[] {
                response.path("status_code").isNumber() ? response.path("status_code").asInt() : null,
                text(response.path("error_message")),
                text(response.path("result"))
              }),
          text(event.path("audit_level")),
          text(event.path("event_id")),
          metadata.isObject()
              ? new GenericInternalRow(
                  new Object[] {
                    text(metadata.path("run_by")), text(metadata.path("run_as")), text(metadata.path("acting_resource"))
                  })
              : null
        });
  }

  private static UTF8String text(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? null : UTF8String.fromString(value.asText());
  }
}
