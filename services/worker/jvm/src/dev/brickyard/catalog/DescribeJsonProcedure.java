package dev.brickyard.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * describe_as_json(name): the one row (json_metadata) of `DESCRIBE TABLE EXTENDED name AS JSON`.
 * The columns are Spark's (so a view's are those its query now gives); the rest is Unity Catalog's.
 */
final class DescribeJsonProcedure extends RowsProcedure {
  static final String NAME = "describe_as_json";

  private final UnityCatalogClient api;

  DescribeJsonProcedure(UnityCatalogClient api) {
    super(NAME, List.of("name"), new StructType().add("json_metadata", DataTypes.StringType, false));
    this.api = api;
  }

  @Override
  List<InternalRow> rows(InternalRow input) {
    SecurableName name = CatalogProcedures.qualified(input.getUTF8String(0).toString());
    StructType schema = SparkSession.active().table(String.join(".", quoted(name.parts()))).schema();
    String document = DescribeJson.of(name, tableInfo(name), schema);
    return List.of(new GenericInternalRow(new Object[] {UTF8String.fromString(document)}));
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
    return Arrays.stream(parts).map(part -> "`" + part.replace("`", "``") + "`").toList();
  }
}
