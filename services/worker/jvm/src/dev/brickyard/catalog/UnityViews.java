package dev.brickyard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchViewException;
import org.apache.spark.sql.catalyst.analysis.ViewAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.View;

/**
 * The views of one Spark catalog, kept as Unity Catalog VIEW tables (ViewCatalog's half of
 * UnityCatalog). Tables and views share one name space in a schema, as in Databricks.
 */
final class UnityViews {
  private final String catalogName;
  private final UnityCatalogClient api;

  UnityViews(String catalogName, UnityCatalogClient api) {
    this.catalogName = catalogName;
    this.api = api;
  }

  Identifier[] list(String[] namespace) throws NoSuchNamespaceException {
    SecurableName schema = SecurableName.schemaOf(catalogName, namespace);
    try {
      return api
          .list("/tables", Map.of("catalog_name", schema.catalog(), "schema_name", schema.schema()), "tables")
          .stream()
          .filter(UnityViews::isView)
          .map(table -> Identifier.of(namespace, table.path("name").asText()))
          .toArray(Identifier[]::new);
    } catch (ApiException e) {
      if (e.isNotFound()) throw new NoSuchNamespaceException(namespace);
      throw e;
    }
  }

  View load(Identifier identifier) throws NoSuchViewException {
    JsonNode info = info(identifier);
    if (info == null || !isView(info)) throw new NoSuchViewException(identifier);
    return ViewDefinitions.fromTableInfo(info);
  }

  View create(Identifier identifier, View view) throws ViewAlreadyExistsException, NoSuchNamespaceException {
    SecurableName name = SecurableName.tableOf(catalogName, identifier);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("catalog_name", name.catalog());
    body.put("schema_name", name.schema());
    body.put("name", name.name());
    body.put("table_type", ViewDefinitions.TABLE_TYPE);
    body.putAll(ViewDefinitions.fieldsOf(view));
    try {
      return ViewDefinitions.fromTableInfo(api.post("/tables", body));
    } catch (ApiException e) {
      if (e.isConflict()) throw new ViewAlreadyExistsException(identifier);
      if (e.isNotFound()) throw new NoSuchNamespaceException(identifier.namespace());
      throw e;
    }
  }

  /** A new query and columns for an existing view; a table of that name is not replaced. */
  View replace(Identifier identifier, View view) throws NoSuchViewException {
    load(identifier);
    return ViewDefinitions.fromTableInfo(api.patch(path(identifier), ViewDefinitions.fieldsOf(view)));
  }

  boolean drop(Identifier identifier) {
    JsonNode info = info(identifier);
    if (info == null || !isView(info)) return false;
    api.delete(path(identifier), Map.of());
    return true;
  }

  void rename(Identifier from, Identifier to) throws NoSuchViewException, ViewAlreadyExistsException {
    load(from);
    try {
      api.patch(path(from), Map.of("new_name", UnityRenames.newName(catalogName, from, to)));
    } catch (ApiException e) {
      if (e.isConflict()) throw new ViewAlreadyExistsException(to);
      throw e;
    }
  }

  static boolean isView(JsonNode info) {
    return ViewDefinitions.TABLE_TYPE.equals(info.path("table_type").asText());
  }

  private JsonNode info(Identifier identifier) {
    try {
      return api.get(path(identifier), Map.of());
    } catch (ApiException e) {
      if (e.isNotFound()) return null;
      throw e;
    }
  }

  private String path(Identifier identifier) {
    return "/tables/" + UnityCatalogClient.segment(SecurableName.tableOf(catalogName, identifier).fullName());
  }
}
