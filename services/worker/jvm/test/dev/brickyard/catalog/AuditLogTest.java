package dev.brickyard.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.LessThan;
import org.junit.jupiter.api.Test;

class AuditLogTest {
  @Test
  void isAccessAuditOfTheSystemCatalogOnly() {
    assertTrue(AuditLog.isAuditLog("main", Identifier.of(new String[] {"system", "access"}, "audit")));
    assertTrue(AuditLog.isAuditLog("system", Identifier.of(new String[] {"ACCESS"}, "Audit")));
    assertFalse(AuditLog.isAuditLog("main", Identifier.of(new String[] {"access"}, "audit")));
    assertFalse(AuditLog.isAuditLog("system", Identifier.of(new String[] {"access"}, "audits")));
  }

  @Test
  void narrowsTheApisQueryByTimeDayServiceAndAction() {
    Filter[] filters = {
      new GreaterThanOrEqual("event_date", LocalDate.of(2026, 1, 2)),
      new LessThan("event_time", Timestamp.from(Instant.parse("2026-01-03T00:00:00.500Z"))),
      new EqualTo("service_name", "unityCatalog"),
      new EqualTo("action_name", "getTable"),
      new IsNotNull("request_id"),
    };
    assertEquals(
        Map.of(
            "start_time", Long.toString(Instant.parse("2026-01-02T00:00:00Z").toEpochMilli()),
            "end_time", Long.toString(Instant.parse("2026-01-03T00:00:00.499Z").toEpochMilli()),
            "service_name", "unityCatalog",
            "action_name", "getTable",
            "max_results", "1000"),
        AuditLog.queryOf(filters));
  }

  @Test
  void aDayIsAllItsMilliseconds() {
    Map<String, String> query = AuditLog.queryOf(new Filter[] {new EqualTo("event_date", LocalDate.of(1970, 1, 2))});
    assertEquals("86400000", query.get("start_time"));
    assertEquals("172799999", query.get("end_time"));
  }

  @Test
  void anEventIsARowOfDatabricksColumns() throws Exception {
    String event =
        """
        {"event_id":"e1","event_time":86400123,"event_date":"1970-01-02","workspace_id":42,
         "account_id":"acc","version":"2.0","source_ip_address":"127.0.0.1","user_agent":"curl",
         "session_id":null,"user_identity":{"email":"ada@example.com","subjectName":null},
         "service_name":"unityCatalog","action_name":"getTable","request_id":"r1",
         "request_params":{"full_name_arg":"main.default.t"},
         "response":{"status_code":403,"error_message":"no","result":null},
         "audit_level":"WORKSPACE_LEVEL","identity_metadata":null}
        """;
    InternalRow row = AuditLog.rowOf(new ObjectMapper().readTree(event));
    assertEquals(AuditLog.SCHEMA_TYPE.size(), row.numFields());
    assertEquals("42", row.getUTF8String(1).toString());
    assertEquals(86_400_123_000L, row.getLong(3));
    assertEquals(1, row.getInt(4));
    assertTrue(row.isNullAt(7));
    assertEquals("ada@example.com", row.getStruct(8, 2).getUTF8String(0).toString());
    MapData params = row.getMap(12);
    assertEquals("full_name_arg", params.keyArray().getUTF8String(0).toString());
    assertEquals("main.default.t", params.valueArray().getUTF8String(0).toString());
    assertEquals(403, row.getStruct(13, 3).getInt(0));
    assertEquals("no", row.getStruct(13, 3).getUTF8String(1).toString());
    assertNull(row.getStruct(16, 3));
  }
}
