package dev.brickyard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NamespaceAlreadyExistsException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.NoSuchViewException;
import org.apache.spark.sql.catalyst.analysis.NonEmptyNamespaceException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.catalyst.analysis.ViewAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.ProcedureCatalog;
import org.apache.spark.sql.connector.catalog.StagedTable;
import org.apache.spark.sql.connector.catalog.StagingTableCatalog;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.catalog.TableInfo;
import org.apache.spark.sql.connector.catalog.TableWritePrivilege;
import org.apache.spark.sql.connector.catalog.View;
import org.apache.spark.sql.connector.catalog.Relation;
import org.apache.spark.sql.connector.catalog.RelationCatalog;
import org.apache.spark.sql.connector.catalog.procedures.UnboundProcedure;
import org.apache.spark.sql.delta.catalog.DeltaCatalog;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Unity Catalog catalog as a Spark catalog. Brickyard's Unity Catalog API is the one source of
 * truth for names, locations and ownership; Delta Lake owns the data, so every table is handed to
 * Delta's own catalog by its location (`delta.`s3://...``), the way Delta loads a table by path.
 * The catalog keeps no state of its own: every call asks the API, so clusters and warehouses see
 * each other's changes at once. Views are Unity Catalog VIEW tables (UnityViews), in the same
 * name space as tables: loadRelation answers either.
 */
public class UnityCatalog
    implements StagingTableCatalog, SupportsNamespaces, ProcedureCatalog, RelationCatalog {
  /** Properties Spark passes to createTable that Unity Catalog records rather than Delta. */
  private static final List<String> CATALOG_PROPERTIES =
      List.of(
          TableCatalog.PROP_LOCATION,
          PROP_PROVIDER,
          TableCatalog.PROP_OWNER,
          PROP_EXTERNAL,
          PROP_IS_MANAGED_LOCATION);
  /** Schema metadata Unity Catalog keeps in fields of their own rather than in properties. */
  private static final List<String> SCHEMA_FIELDS =
      List.of(
          SupportsNamespaces.PROP_COMMENT,
          SupportsNamespaces.PROP_OWNER,
          SupportsNamespaces.PROP_LOCATION);

  private String name;
  private UnityCatalogClient api;
  private StagingTableCatalog delta;
  private CatalogProcedures procedures;
  private UnityViews views;

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
    // Read once, when the session first reaches the catalog: the API set it before anything ran,
    // and a later SET in the session does not change whose grants this catalog's calls carry.
    this.api =
        UnityCatalogClient.fromEnvironment(
            SparkSession.active().conf().get(UnityCatalogClient.COMPUTE_CALLER_SETTING, null));
    DeltaCatalog deltaCatalog = new DeltaCatalog();
    // Delta looks at its delegate even for tables by path; the session's own catalog is the one
    // that Delta's catalog would otherwise wrap (catalogs are made per session, in that session).
    deltaCatalog.setDelegateCatalog(
        ((org.apache.spark.sql.classic.SparkSession) SparkSession.active())
            .sessionState()
            .catalogManager()
            .v2SessionCatalog());
    this.delta = deltaCatalog;
    this.procedures = new CatalogProcedures(api);
    this.views = new UnityViews(name, api);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String[] defaultNamespace() {
    return new String[] {"default"};
  }

  // ---- procedures (the statements of CatalogStatements)

  @Override
  public UnboundProcedure loadProcedure(Identifier identifier) {
    UnboundProcedure procedure = procedures.load(identifier);
    if (procedure == null) {
      throw new UnsupportedOperationException("No procedure " + identifier + " in catalog " + name);
    }
    return procedure;
  }

  @Override
  public Identifier[] listProcedures(String[] namespace) {
    return procedures.list();
  }

  // ---- tables

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    SecurableName schema = SecurableName.schemaOf(name, namespace);
    requireSchema(schema, namespace);
    return api
        .list(
            "/tables",
            Map.of("catalog_name", schema.catalog(), "schema_name", schema.schema()),
            "tables")
        .stream()
        .filter(table -> !UnityViews.isView(table))
        .map(table -> Identifier.of(namespace, table.path("name").asText()))
        .toArray(Identifier[]::new);
  }

  @Override
  public boolean tableExists(Identifier identifier) {
    if (DeltaLocations.isPathIdentifier(identifier)) return delta.tableExists(identifier);
    try {
      tableInfo(identifier);
      return true;
    } catch (NoSuchTableException e) {
      return false;
    }
  }

  /** A table (Delta's, by its location) or a view: one API call tells which. */
  @Override
  public Relation loadRelation(Identifier identifier) throws NoSuchTableException {
    if (DeltaLocations.isPathIdentifier(identifier)) return delta.loadTable(identifier);
    Table informationSchema = informationSchemaView(identifier);
    if (informationSchema != null) return informationSchema;
    if (AuditLog.isAuditLog(name, identifier)) return new AuditLogTable(api);
    JsonNode info = relationInfo(identifier);
    if (UnityViews.isView(info)) return ViewDefinitions.fromTableInfo(info);
    return CatalogDeltaTable.named(
        delta.loadTable(DeltaLocations.identifier(info)), SecurableName.tableOf(name, identifier), info);
  }
  /**
   * A table to write (INSERT, MERGE, UPDATE, DELETE): the caller must hold MODIFY on it, which the
   * API checks as it vends the table's write credentials (READ_WRITE), as Unity Catalog does;
   * without it the statement fails before any file is written.
   */
  @Override
  public Table loadTable(Identifier identifier, Set<TableWritePrivilege> writePrivileges)
      throws NoSuchTableException {
    if (DeltaLocations.isPathIdentifier(identifier)) return delta.loadTable(identifier);
    JsonNode info = tableInfo(identifier);
    if (!writePrivileges.isEmpty()) {
      api.post(
          "/temporary-table-credentials",
          Map.of("table_id", info.path("table_id").asText(), "operation", "READ_WRITE"));
    }
    return CatalogDeltaTable.named(
        delta.loadTable(DeltaLocations.identifier(info)), SecurableName.tableOf(name, identifier), info);
  }

  /** Time travel: `VERSION AS OF`. */
  @Override
  public Table loadTable(Identifier identifier, String version) throws NoSuchTableException {
    if (DeltaLocations.isPathIdentifier(identifier)) return delta.loadTable(identifier, version);
    return delta.loadTable(DeltaLocations.identifier(tableInfo(identifier)), version);
  }

  /** Time travel: `TIMESTAMP AS OF` (microseconds). */
  @Override
  public Table loadTable(Identifier identifier, long timestamp) throws NoSuchTableException {
    if (DeltaLocations.isPathIdentifier(identifier)) return delta.loadTable(identifier, timestamp);
    return delta.loadTable(DeltaLocations.identifier(tableInfo(identifier)), timestamp);
  }


  /** What a CREATE asks for: its name, the table Delta is to make, and its location if external. */
  private record TableRequest(SecurableName name, TableInfo deltaInfo, String externalLocation) {}

  private TableRequest request(Identifier identifier, TableInfo info) throws NoSuchNamespaceException {
    SecurableName table = SecurableName.tableOf(name, identifier);
    requireSchema(new SecurableName(table.catalog(), table.schema(), null), identifier.namespace());
    Map<String, String> properties = info.properties();
    String provider = properties.getOrDefault(PROP_PROVIDER, "delta");
    if (!provider.equalsIgnoreCase("delta")) {
      throw new UnsupportedOperationException(
          "Brickyard's Unity Catalog keeps Delta tables only; "
              + table.fullName()
              + " asks for USING "
              + provider);
    }
    Map<String, String> deltaProperties = new HashMap<>(properties);
    CATALOG_PROPERTIES.forEach(deltaProperties::remove);
    TableInfo deltaInfo =
        new TableInfo.Builder()
            .withColumns(info.columns())
            .withPartitions(info.partitions())
            .withConstraints(info.constraints())
            .withProperties(deltaProperties)
            .withProvider("delta")
            .build();
    String location = properties.get(TableCatalog.PROP_LOCATION);
    boolean external = location != null && !"true".equals(properties.get(PROP_IS_MANAGED_LOCATION));
    return new TableRequest(table, deltaInfo, external ? location : null);
  }

  @Override
  public Table createTable(Identifier identifier, TableInfo info)
      throws TableAlreadyExistsException, NoSuchNamespaceException {
    if (DeltaLocations.isPathIdentifier(identifier)) return delta.createTable(identifier, info);
    TableRequest request = request(identifier, info);
    return request.externalLocation() != null
        ? createExternal(identifier, request.name(), request.externalLocation(), request.deltaInfo())
        : createManaged(request.name(), request.deltaInfo());
  }

  // ---- staged creates and replaces: CREATE/REPLACE TABLE ... AS SELECT and saveAsTable in one commit

  @Override
  public StagedTable stageCreate(Identifier identifier, TableInfo info)
      throws TableAlreadyExistsException, NoSuchNamespaceException {
    if (DeltaLocations.isPathIdentifier(identifier)) return delta.stageCreate(identifier, info);
    TableRequest request = request(identifier, info);
    SecurableName table = request.name();
    String external = request.externalLocation();
    if (external != null) {
      if (tableExists(identifier)) throw new TableAlreadyExistsException(table.quoted());
      StagedTable staged = delta.stageCreate(DeltaLocations.identifier(external), request.deltaInfo());
      return new RegisteringStagedTable(
          staged, () -> registerCommitted(table, external), () -> {});
    }
    String location = registerManaged(table);
    try {
      StagedTable staged = delta.stageCreate(DeltaLocations.identifier(location), request.deltaInfo());
      return new RegisteringStagedTable(
          staged, () -> recordColumns(table, loadByLocation(location)), () -> unregister(table));
    } catch (TableAlreadyExistsException | NoSuchNamespaceException | RuntimeException e) {
      unregister(table);
      throw e;
    }
  }

  @Override
  public StagedTable stageReplace(Identifier identifier, TableInfo info)
      throws NoSuchNamespaceException, NoSuchTableException {
    if (DeltaLocations.isPathIdentifier(identifier)) return delta.stageReplace(identifier, info);
    TableRequest request = request(identifier, info);
    String location = tableInfo(identifier).path("storage_location").asText();
    StagedTable staged = delta.stageReplace(DeltaLocations.identifier(location), request.deltaInfo());
    return new RegisteringStagedTable(
        staged, () -> recordColumns(request.name(), loadByLocation(location)), () -> {});
  }

  @Override
  public StagedTable stageCreateOrReplace(Identifier identifier, TableInfo info)
      throws NoSuchNamespaceException {
    if (DeltaLocations.isPathIdentifier(identifier)) return delta.stageCreateOrReplace(identifier, info);
    try {
      if (tableExists(identifier)) return stageReplace(identifier, info);
      return stageCreate(identifier, info);
    } catch (NoSuchTableException | TableAlreadyExistsException e) {
      // The table went or came between the check and the stage: the caller's retry decides.
      throw new IllegalStateException(
          "Table " + SecurableName.tableOf(name, identifier).fullName() + " changed while being replaced", e);
    }
  }

  private Table loadByLocation(String location) {
    try {
      return delta.loadTable(DeltaLocations.identifier(location));
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("Delta wrote no table at " + location, e);
    }
  }

  /** Delta first (the location may hold a table already, whose schema is then taken), then the name. */
  private Table createExternal(
      Identifier identifier,
      SecurableName table,
      String location,
      TableInfo info)
      throws TableAlreadyExistsException, NoSuchNamespaceException {
    if (tableExists(identifier)) throw new TableAlreadyExistsException(table.quoted());
    Table created = delta.createTable(DeltaLocations.identifier(location), info);
    register(table, "EXTERNAL", location, created);
    return created;
  }

  /**
   * The name first, which gives the table its managed location, then Delta there. A table whose
   * Delta creation fails is unregistered again (which also removes whatever was written).
   */
  private Table createManaged(SecurableName table, TableInfo info)
      throws TableAlreadyExistsException, NoSuchNamespaceException {
    String location = registerManaged(table);
    try {
      Table created = delta.createTable(DeltaLocations.identifier(location), info);
      recordColumns(table, created);
      return created;
    } catch (TableAlreadyExistsException | NoSuchNamespaceException | RuntimeException e) {
      try {
        unregister(table);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Registers a managed table's name, which gives it its location (returned). */
  private String registerManaged(SecurableName table) throws TableAlreadyExistsException {
    try {
      return api.post("/tables", registration(table, "MANAGED", null, null))
          .path("storage_location")
          .asText();
    } catch (ApiException e) {
      if (e.isConflict()) throw new TableAlreadyExistsException(table.quoted());
      throw e;
    }
  }

  /** Registers a table Delta has made; a name taken meanwhile is Spark's "already exists". */
  private void register(SecurableName table, String tableType, String location, Table created)
      throws TableAlreadyExistsException {
    try {
      api.post("/tables", registration(table, tableType, location, created));
    } catch (ApiException e) {
      if (e.isConflict()) throw new TableAlreadyExistsException(table.quoted());
      throw e;
    }
  }

  /** register(), once a staged table is committed, where Spark allows no checked exception. */
  private void registerCommitted(SecurableName table, String location) {
    try {
      register(table, "EXTERNAL", location, loadByLocation(location));
    } catch (TableAlreadyExistsException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Takes a name back (a managed table's files go with it). */
  private void unregister(SecurableName table) {
    api.delete("/tables/" + UnityCatalogClient.segment(table.fullName()), Map.of());
  }

  @Override
  public Table alterTable(Identifier identifier, TableChange... changes)
      throws NoSuchTableException {
    if (DeltaLocations.isPathIdentifier(identifier)) return delta.alterTable(identifier, changes);
    JsonNode info = tableInfo(identifier);
    Table altered = delta.alterTable(DeltaLocations.identifier(info), changes);
    recordColumns(SecurableName.tableOf(name, identifier), altered);
    return altered;
  }

  @Override
  public boolean dropTable(Identifier identifier) {
    if (DeltaLocations.isPathIdentifier(identifier)) return delta.dropTable(identifier);
    if (!tableExists(identifier)) return false;
    String fullName = SecurableName.tableOf(name, identifier).fullName();
    try {
      api.delete("/tables/" + UnityCatalogClient.segment(fullName), Map.of());
      return true;
    } catch (ApiException e) {
      if (e.isNotFound()) return false;
      throw e;
    }
  }

  /** A rename is of the name only: the files (a managed table's too) stay where they are. */
  @Override
  public void renameTable(Identifier from, Identifier to)
      throws NoSuchTableException, TableAlreadyExistsException {
    tableInfo(from);
    String fullName = SecurableName.tableOf(name, from).fullName();
    try {
      api.patch(
          "/tables/" + UnityCatalogClient.segment(fullName),
          Map.of("new_name", UnityRenames.newName(name, from, to)));
    } catch (ApiException e) {
      if (e.isConflict()) throw new TableAlreadyExistsException(SecurableName.tableOf(name, to).quoted());
      throw e;
    }
  }

  // ---- views

  @Override
  public Identifier[] listViews(String[] namespace) throws NoSuchNamespaceException {
    return views.list(namespace);
  }

  @Override
  public View createView(Identifier identifier, View view)
      throws ViewAlreadyExistsException, NoSuchNamespaceException {
    return views.create(identifier, view);
  }

  @Override
  public View replaceView(Identifier identifier, View view) throws NoSuchViewException {
    return views.replace(identifier, view);
  }

  @Override
  public boolean dropView(Identifier identifier) {
    return views.drop(identifier);
  }

  @Override
  public void renameView(Identifier from, Identifier to)
      throws NoSuchViewException, ViewAlreadyExistsException {
    views.rename(from, to);
  }

  private JsonNode tableInfo(Identifier identifier) throws NoSuchTableException {
    JsonNode info = relationInfo(identifier);
    if (UnityViews.isView(info)) {
      throw new NoSuchTableException(SecurableName.tableOf(name, identifier).quoted());
    }
    return info;
  }

  /**
   * `<catalog>.information_schema.<view>`, or null for any other name. The system catalog's
   * information schema spans every catalog, as in Databricks.
   */
  private Table informationSchemaView(Identifier identifier) {
    String[] namespace = identifier.namespace();
    if (namespace.length == 0 || !namespace[namespace.length - 1].equalsIgnoreCase(InformationSchema.SCHEMA)) {
      return null;
    }
    String view = identifier.name().toLowerCase(Locale.ROOT);
    if (!InformationSchema.isView(view)) return null;
    String catalog = SecurableName.schemaOf(name, namespace).catalog();
    return new InformationSchemaTable(view, catalog.equals(InformationSchema.ALL_CATALOGS) ? null : catalog, api);
  }

  /** A table's or a view's info; a table must be Delta, the one format Spark reads here. */
  private JsonNode relationInfo(Identifier identifier) throws NoSuchTableException {
    SecurableName table = SecurableName.tableOf(name, identifier);
    try {
      JsonNode info =
          api.get("/tables/" + UnityCatalogClient.segment(table.fullName()), Map.of());
      if (UnityViews.isView(info)) return info;
      String format = info.path("data_source_format").asText("DELTA");
      if (!format.equals("DELTA")) {
        throw new UnsupportedOperationException(
            table.fullName() + " is a " + format + " table; Brickyard's Spark reads Delta tables only");
      }
      return info;
    } catch (ApiException e) {
      if (e.isNotFound()) throw new NoSuchTableException(table.quoted());
      throw e;
    }
  }

  private Map<String, Object> registration(
      SecurableName table, String tableType, String location, Table created) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("catalog_name", table.catalog());
    body.put("schema_name", table.schema());
    body.put("name", table.name());
    body.put("table_type", tableType);
    body.put("data_source_format", "DELTA");
    if (location != null) body.put("storage_location", location);
    if (created != null) body.put("columns", ColumnInfos.of(created));
    return body;
  }

  /** The columns as Delta now has them, which only Delta knows after a create or an ALTER. */
  private void recordColumns(SecurableName table, Table current) {
    api.patch(
        "/tables/" + UnityCatalogClient.segment(table.fullName()),
        Map.of("columns", ColumnInfos.of(current)));
  }

  // ---- namespaces (schemas)

  @Override
  public String[][] listNamespaces() {
    return schemasOf(name, false);
  }

  /** [schema] has no children; [catalog] of a catalog Spark was not configured with lists its schemas. */
  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    if (namespaceExists(namespace)) return new String[0][];
    if (namespace.length == 1 && catalogExists(namespace[0])) return schemasOf(namespace[0], true);
    throw new NoSuchNamespaceException(namespace);
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    if (namespace.length == 0 || namespace.length > 2) return false;
    return schemaInfo(SecurableName.schemaOf(name, namespace)) != null;
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace)
      throws NoSuchNamespaceException {
    JsonNode info = schemaInfo(SecurableName.schemaOf(name, namespace));
    if (info == null) throw new NoSuchNamespaceException(namespace);
    Map<String, String> metadata = new LinkedHashMap<>();
    info.path("properties")
        .properties()
        .forEach(property -> metadata.put(property.getKey(), property.getValue().asText()));
    putIfPresent(metadata, SupportsNamespaces.PROP_COMMENT, info.path("comment"));
    putIfPresent(metadata, SupportsNamespaces.PROP_OWNER, info.path("owner"));
    putIfPresent(metadata, SupportsNamespaces.PROP_LOCATION, info.path("storage_root"));
    return metadata;
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata)
      throws NamespaceAlreadyExistsException {
    SecurableName schema = SecurableName.schemaOf(name, namespace);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("catalog_name", schema.catalog());
    body.put("name", schema.schema());
    String comment = metadata.get(SupportsNamespaces.PROP_COMMENT);
    if (comment != null) body.put("comment", comment);
    Map<String, String> properties = new HashMap<>(metadata);
    SCHEMA_FIELDS.forEach(properties::remove);
    if (!properties.isEmpty()) body.put("properties", properties);
    try {
      api.post("/schemas", body);
    } catch (ApiException e) {
      if (e.isConflict()) throw new NamespaceAlreadyExistsException(schema.parts());
      throw e;
    }
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes)
      throws NoSuchNamespaceException {
    Map<String, String> metadata = new HashMap<>(loadNamespaceMetadata(namespace));
    for (NamespaceChange change : changes) {
      if (change instanceof NamespaceChange.SetProperty set) metadata.put(set.property(), set.value());
      if (change instanceof NamespaceChange.RemoveProperty remove) metadata.remove(remove.property());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    String comment = metadata.get(SupportsNamespaces.PROP_COMMENT);
    if (comment != null) body.put("comment", comment);
    String owner = metadata.get(SupportsNamespaces.PROP_OWNER);
    if (owner != null) body.put("owner", owner);
    SCHEMA_FIELDS.forEach(metadata::remove);
    body.put("properties", metadata);
    String fullName = SecurableName.schemaOf(name, namespace).fullName();
    api.patch("/schemas/" + UnityCatalogClient.segment(fullName), body);
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade)
      throws NoSuchNamespaceException, NonEmptyNamespaceException {
    SecurableName schema = SecurableName.schemaOf(name, namespace);
    if (!cascade && listTables(namespace).length > 0) throw new NonEmptyNamespaceException(namespace);
    try {
      api.delete(
          "/schemas/" + UnityCatalogClient.segment(schema.fullName()),
          Map.of("force", String.valueOf(cascade)));
      return true;
    } catch (ApiException e) {
      if (e.isNotFound()) throw new NoSuchNamespaceException(namespace);
      throw e;
    }
  }

  private String[][] schemasOf(String catalog, boolean qualified) {
    return api.list("/schemas", Map.of("catalog_name", catalog), "schemas").stream()
        .map(schema -> schema.path("name").asText())
        .map(schema -> qualified ? new String[] {catalog, schema} : new String[] {schema})
        .toArray(String[][]::new);
  }

  private JsonNode schemaInfo(SecurableName schema) {
    try {
      return api.get("/schemas/" + UnityCatalogClient.segment(schema.fullName()), Map.of());
    } catch (ApiException e) {
      if (e.isNotFound()) return null;
      throw e;
    }
  }

  private boolean catalogExists(String catalog) {
    try {
      api.get("/catalogs/" + UnityCatalogClient.segment(catalog), Map.of());
      return true;
    } catch (ApiException e) {
      if (e.isNotFound()) return false;
      throw e;
    }
  }

  private static void putIfPresent(Map<String, String> metadata, String key, JsonNode value) {
    if (!value.isMissingNode() && !value.isNull()) metadata.put(key, value.asText());
  }

  private void requireSchema(SecurableName schema, String[] namespace) throws NoSuchNamespaceException {
    if (schemaInfo(schema) == null) throw new NoSuchNamespaceException(namespace);
  }
}
