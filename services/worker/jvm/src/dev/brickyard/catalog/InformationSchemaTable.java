package dev.brickyard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.catalog.CatalogV2Util;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.LocalScan;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One INFORMATION_SCHEMA view as a table Spark reads on the driver. An equality on the catalog or
 * schema column (`WHERE table_schema = 'x'`) narrows which schemas are read from the API; Spark
 * still applies every filter to the rows.
 */
final class InformationSchemaTable implements SupportsRead {
  private final String view;
  /** The one catalog described, or null for system.information_schema (every catalog). */
  private final String catalogScope;
  private final UnityCatalogClient api;

  InformationSchemaTable(String view, String catalogScope, UnityCatalogClient api) {
    this.view = view;
    this.catalogScope = catalogScope;
    this.api = api;
  }

  @Override
  public String name() {
    return (catalogScope == null ? InformationSchema.ALL_CATALOGS : catalogScope) + "." + InformationSchema.SCHEMA + "." + view;
  }

  @Override
  public Column[] columns() {
    return CatalogV2Util.structTypeToV2Columns(InformationSchema.schemaOf(view), false);
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new Builder();
  }

  private final class Builder implements SupportsPushDownFilters {
    private String catalog = catalogScope;
    private String schema;
    private Filter[] pushed = new Filter[0];

    @Override
    public Filter[] pushFilters(Filter[] filters) {
      List<Filter> used = new ArrayList<>();
      for (Filter filter : filters) {
        if (!(filter instanceof EqualTo equal) || !(equal.value() instanceof String value)) continue;
        String lower = value.toLowerCase(Locale.ROOT);
        switch (equal.attribute()) {
          case "table_catalog", "catalog_name" -> {
            if (catalog != null && !catalog.equals(lower)) lower = "";
            catalog = lower;
            used.add(filter);
          }
          case "table_schema", "schema_name" -> {
            schema = lower;
            used.add(filter);
          }
          default -> {}
        }
      }
      pushed = used.toArray(Filter[]::new);
      return filters;
    }

    @Override
    public Filter[] pushedFilters() {
      return pushed;
    }

    @Override
    public Scan build() {
      String scopeCatalog = catalog;
      String scopeSchema = schema;
      return new LocalScan() {
        @Override
        public StructType readSchema() {
          return InformationSchema.schemaOf(view);
        }

        @Override
        public InternalRow[] rows() {
          return InformationSchema.rowsOf(view, walk(scopeCatalog, scopeSchema)).stream()
              .map(InformationSchemaTable::internalRow)
              .toArray(InternalRow[]::new);
        }
      };
    }
  }

  /** The metastore down to the view's level, within the catalog and schema asked for. */
  private List<InformationSchema.Walk> walk(String catalog, String schema) {
    InformationSchema.Level level = InformationSchema.levelOf(view);
    List<InformationSchema.Walk> walks = new ArrayList<>();
    if (level == InformationSchema.Level.NONE) return walks;
    for (JsonNode catalogInfo : catalogs(catalog)) {
      if (level == InformationSchema.Level.CATALOG) {
        walks.add(new InformationSchema.Walk(catalogInfo, null, null, null));
        continue;
      }
      String catalogName = catalogInfo.path("name").asText();
      for (JsonNode schemaInfo : api.list("/schemas", Map.of("catalog_name", catalogName), "schemas")) {
        String schemaName = schemaInfo.path("name").asText();
        if (schema != null && !schema.equals(schemaName)) continue;
        if (level == InformationSchema.Level.SCHEMA) {
          walks.add(new InformationSchema.Walk(catalogInfo, schemaInfo, null, null));
          continue;
        }
        Map<String, String> tablesOf = Map.of("catalog_name", catalogName, "schema_name", schemaName);
        for (JsonNode table : api.list("/tables", tablesOf, "tables")) {
          if (level == InformationSchema.Level.TABLE) {
            walks.add(new InformationSchema.Walk(catalogInfo, schemaInfo, table, null));
            continue;
          }
          for (JsonNode column : table.path("columns")) {
            walks.add(new InformationSchema.Walk(catalogInfo, schemaInfo, table, column));
          }
        }
      }
    }
    return walks;
  }

  private List<JsonNode> catalogs(String catalog) {
    if (catalog == null) return api.list("/catalogs", Map.of(), "catalogs");
    try {
      return List.of(api.get("/catalogs/" + UnityCatalogClient.segment(catalog), Map.of()));
    } catch (ApiException e) {
      if (e.isNotFound()) return List.of();
      throw e;
    }
  }

  private static InternalRow internalRow(Object[] values) {
    Object[] converted = new Object[values.length];
    for (int index = 0; index < values.length; index++) {
      converted[index] = values[index] instanceof String text ? UTF8String.fromString(text) : values[index];
    }
    return new GenericInternalRow(converted);
  }
}
