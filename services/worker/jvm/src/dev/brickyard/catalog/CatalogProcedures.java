package dev.brickyard.catalog;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.procedures.BoundProcedure;
import org.apache.spark.sql.connector.catalog.procedures.ProcedureParameter;
import org.apache.spark.sql.connector.catalog.procedures.UnboundProcedure;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The procedures behind the catalog and volume statements of {@link CatalogStatements}: each is one
 * call of the Unity Catalog API, so a catalog or volume made in SQL is the same object the SDK and
 * every other cluster see.
 */
final class CatalogProcedures {
  static final String NAMESPACE = "brickyard";

  private final UnityCatalogClient api;

  CatalogProcedures(UnityCatalogClient api) {
    this.api = api;
  }

  Identifier[] list() {
    return Arrays.stream(Names.values())
        .map(name -> Identifier.of(new String[] {NAMESPACE}, name.sqlName()))
        .toArray(Identifier[]::new);
  }

  /** The procedure `identifier` names, or null. */
  UnboundProcedure load(Identifier identifier) {
    if (!Arrays.equals(identifier.namespace(), new String[] {NAMESPACE})) return null;
    return switch (identifier.name()) {
      case "create_catalog" ->
          new ApiProcedure(
              "create_catalog",
              List.of("name", "if_not_exists", "comment"),
              args -> createCatalog(args.string(0), args.flag(1), args.string(2)));
      case "drop_catalog" ->
          new ApiProcedure(
              "drop_catalog",
              List.of("name", "if_exists", "cascade"),
              args -> dropCatalog(args.string(0), args.flag(1), args.flag(2)));
      case "create_volume" ->
          new ApiProcedure(
              "create_volume",
              List.of("name", "if_not_exists", "location", "comment"),
              args -> createVolume(args.string(0), args.flag(1), args.string(2), args.string(3)));
      case "drop_volume" ->
          new ApiProcedure(
              "drop_volume", List.of("name", "if_exists"), args -> dropVolume(args.string(0), args.flag(1)));
      case DescribeJsonProcedure.NAME -> new DescribeJsonProcedure(api);
      case SessionCatalogs.SHOW -> SessionCatalogs.show(api);
      case SessionCatalogs.USE -> SessionCatalogs.use(api);
      default -> null;
    };
  }

  private enum Names {
    CREATE_CATALOG,
    DROP_CATALOG,
    CREATE_VOLUME,
    DROP_VOLUME,
    DESCRIBE_AS_JSON,
    SHOW_CATALOGS,
    USE_CATALOG;

    String sqlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private void createCatalog(String name, boolean ifNotExists, String comment) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    if (comment != null) body.put("comment", comment);
    ignoring(ifNotExists ? 409 : 0, () -> api.post("/catalogs", body));
    SessionCatalogs.register(name.toLowerCase(Locale.ROOT));
  }

  private void dropCatalog(String name, boolean ifExists, boolean cascade) {
    ignoring(
        ifExists ? 404 : 0,
        () -> api.delete("/catalogs/" + UnityCatalogClient.segment(name), Map.of("force", String.valueOf(cascade))));
  }

  private void createVolume(String name, boolean ifNotExists, String location, String comment) {
    SecurableName volume = qualified(name);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("catalog_name", volume.catalog());
    body.put("schema_name", volume.schema());
    body.put("name", volume.name());
    body.put("volume_type", location == null ? "MANAGED" : "EXTERNAL");
    if (location != null) body.put("storage_location", location);
    if (comment != null) body.put("comment", comment);
    ignoring(ifNotExists ? 409 : 0, () -> api.post("/volumes", body));
  }

  private void dropVolume(String name, boolean ifExists) {
    String fullName = qualified(name).fullName();
    ignoring(ifExists ? 404 : 0, () -> api.delete("/volumes/" + UnityCatalogClient.segment(fullName), Map.of()));
  }

  /** A one- or two-part name completed with the session's current catalog and schema. */
  static SecurableName qualified(String name) {
    String[] parts = name.split("\\.");
    SparkSession session = SparkSession.active();
    String catalog = parts.length == 3 ? parts[0] : session.catalog().currentCatalog();
    String schema = parts.length >= 2 ? parts[parts.length - 2] : session.catalog().currentDatabase();
    return SecurableName.tableOf(catalog, Identifier.of(new String[] {schema}, parts[parts.length - 1]));
  }

  /** Runs `call`, treating an answer of status `tolerated` (IF [NOT] EXISTS) as success. */
  private static void ignoring(int tolerated, Runnable call) {
    try {
      call.run();
    } catch (ApiException e) {
      if (e.status != tolerated) throw e;
    }
  }

  /** The arguments of a call, in the order of the procedure's parameters. */
  private record Arguments(InternalRow row) {
    String string(int ordinal) {
      return row.isNullAt(ordinal) ? null : row.getUTF8String(ordinal).toString();
    }

    boolean flag(int ordinal) {
      return !row.isNullAt(ordinal) && row.getBoolean(ordinal);
    }
  }

  /** A procedure of string and boolean parameters that calls the API and returns no rows. */
  private static final class ApiProcedure implements UnboundProcedure, BoundProcedure {
    private final String name;
    private final List<String> parameters;
    private final Consumer<Arguments> action;

    ApiProcedure(String name, List<String> parameters, Consumer<Arguments> action) {
      this.name = name;
      this.parameters = parameters;
      this.action = action;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "Brickyard Unity Catalog: " + name;
    }

    @Override
    public BoundProcedure bind(StructType inputType) {
      return this;
    }

    @Override
    public ProcedureParameter[] parameters() {
      return parameters.stream()
          .map(parameter -> ProcedureParameter.in(parameter, typeOf(parameter)).build())
          .toArray(ProcedureParameter[]::new);
    }

    private static DataType typeOf(String parameter) {
      return parameter.startsWith("if_") || parameter.equals("cascade")
          ? DataTypes.BooleanType
          : DataTypes.StringType;
    }

    @Override
    public boolean isDeterministic() {
      return false;
    }

    @Override
    public Iterator<Scan> call(InternalRow input) {
      action.accept(new Arguments(input));
      return Collections.emptyIterator();
    }
  }
}
