package dev.brickyard.catalog;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.procedures.BoundProcedure;
import org.apache.spark.sql.connector.catalog.procedures.ProcedureParameter;
import org.apache.spark.sql.connector.catalog.procedures.UnboundProcedure;
import org.apache.spark.sql.connector.read.LocalScan;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A procedure of string parameters that answers rows made on the driver, as a statement it
 * stands for would (SHOW CATALOGS, DESCRIBE ... AS JSON).
 */
abstract class RowsProcedure implements UnboundProcedure, BoundProcedure {
  private final String name;
  private final List<String> parameters;
  private final StructType result;

  RowsProcedure(String name, List<String> parameters, StructType result) {
    this.name = name;
    this.parameters = parameters;
    this.result = result;
  }

  /** The rows for one call; `input` holds the parameters in their order (null when not given). */
  abstract List<InternalRow> rows(InternalRow input);

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
        .map(parameter -> ProcedureParameter.in(parameter, DataTypes.StringType).build())
        .toArray(ProcedureParameter[]::new);
  }

  @Override
  public boolean isDeterministic() {
    return false;
  }

  @Override
  public Iterator<Scan> call(InternalRow input) {
    InternalRow[] rows = rows(input).toArray(InternalRow[]::new);
    Scan scan =
        new LocalScan() {
          @Override
          public StructType readSchema() {
            return result;
          }

          @Override
          public InternalRow[] rows() {
            return rows;
          }
        };
    return List.of(scan).iterator();
  }
}
