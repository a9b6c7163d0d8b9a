package dev.brickyard.catalog;

import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.CatalogV2Util;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.LocalScan;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** `system.access.audit` as a table Spark reads on the driver (AuditLog). */
final class AuditLogTable implements SupportsRead {
  private final UnityCatalogClient api;

  AuditLogTable(UnityCatalogClient api) {
    this.api = api;
  }

  @Override
  public String name() {
    return InformationSchema.ALL_CATALOGS + "." + AuditLog.SCHEMA + "." + AuditLog.TABLE;
  }

  @Override
  public Column[] columns() {
    return CatalogV2Util.structTypeToV2Columns(AuditLog.SCHEMA_TYPE, false);
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new SupportsPushDownFilters() {
      private Filter[] pushed = new Filter[0];

      @Override
      public Filter[] pushFilters(Filter[] filters) {
        pushed = filters;
        return filters;
      }

      @Override
      public Filter[] pushedFilters() {
        return new Filter[0];
      }

      @Override
      public Scan build() {
        Map<String, String> query = AuditLog.queryOf(pushed);
        return new LocalScan() {
          @Override
          public StructType readSchema() {
            return AuditLog.SCHEMA_TYPE;
          }

          @Override
          public InternalRow[] rows() {
            return api.listAt(AuditLog.API_PATH, query, "events").stream()
                .map(AuditLog::rowOf)
                .toArray(InternalRow[]::new);
          }
        };
      }
    };
  }
}
