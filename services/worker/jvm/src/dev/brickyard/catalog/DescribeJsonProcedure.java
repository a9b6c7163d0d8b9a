package dev.brickyard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.catalog.procedures.BoundProcedure;
import org.apache.spark.sql.connector.catalog.procedures.ProcedureParameter;
import org.apache.spark.sql.connector.catalog.procedures.UnboundProcedure;
import org.apache.spark.sql.connector.read.LocalScan;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * describe_as_json(name): the one row (json_metadata) of `DESCRIBE TABLE EXTENDED name AS JSON`.
 * The columns are Spark's (so a view's are those its query now gives); the rest is Unity Catalog's.
 */
final class DescribeJsonProcedure implements UnboundProcedure, BoundProcedure {
  static final String NAME = "describe_as_json";
  private static final StructType RESULT =
      new StructType().add("json_metadata", DataTypes.StringType, false);

  private final UnityCatalogClient api;

  DescribeJsonProcedure(UnityCatalogClient api) {
    this.api = api;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Brickyard Unity Catalog: DESCRIBE TABLE EXTENDED ... AS JSON";
  }

  @Override
  public BoundProcedure bind(StructType inputType) {
    return this;
  }

  @Override
  public ProcedureParameter[] parameters() {
    return new ProcedureParameter[] {ProcedureParameter.in("name", DataTypes.StringType).build()};
  }

  @Override
  public boolean isDeterministic() {
    return false;
  }

  @Override
  public Iterator<Scan> call(InternalRow input) {
    String written = input.getUTF8String(0).toString();
    SecurableName name = CatalogProcedures.qualified(written);
    StructType schema = SparkSession.active().table(String.join(".", quoted(name.parts()))).schema();
    String document = DescribeJson.of(name, tableInfo(name), schema);
    InternalRow row = new GenericInternalRow(new Object[] {UTF8String.fromString(document)});
    Scan result =
        new LocalScan() {
          @Override
          public StructType readSchema() {
            return RESULT;
          }

          @Override
          public InternalRow[] rows() {
            return new InternalRow[] {row};
          }
        };
    return List.of(result).iterator();
  }

  private JsonNode tableInfo(SecurableName name) {
    try {
      return api.get("/tables/" + UnityCatalogClient.segment(name.fullName()), Map.of());
    } catch (ApiException e) {
      if (e.isNotFound()) return MissingNode.getInstance();
      throw e;
    }
  }

  private static List<String> quoted(String[] parts) {
    return java.util.Arrays.stream(parts).map(part -> "`" + part.replace("`", "``") + "`").toList();
  }
}
