package dev.brickyard.catalog;

import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.StagedTable;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;

/**
 * Delta's staged table of a CREATE/REPLACE ... AS SELECT, which records the outcome in Unity
 * Catalog: the name (or its new columns) once Delta's one commit is made, or the name taken back
 * when the statement is abandoned. Everything else is Delta's.
 */
final class RegisteringStagedTable implements StagedTable, SupportsWrite {
  private final StagedTable delta;
  private final Runnable onCommit;
  private final Runnable onAbort;

  RegisteringStagedTable(StagedTable delta, Runnable onCommit, Runnable onAbort) {
    this.delta = delta;
    this.onCommit = onCommit;
    this.onAbort = onAbort;
  }

  @Override
  public void commitStagedChanges() {
    delta.commitStagedChanges();
    onCommit.run();
  }

  @Override
  public void abortStagedChanges() {
    try {
      delta.abortStagedChanges();
    } finally {
      onAbort.run();
    }
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    return ((SupportsWrite) delta).newWriteBuilder(info);
  }

  @Override
  public String name() {
    return delta.name();
  }

  @Override
  public Column[] columns() {
    return delta.columns();
  }

  @Override
  public Transform[] partitioning() {
    return delta.partitioning();
  }

  @Override
  public Map<String, String> properties() {
    return delta.properties();
  }

  @Override
  public Set<TableCapability> capabilities() {
    return delta.capabilities();
  }
}
