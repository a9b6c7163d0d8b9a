package dev.brickyard.catalog;

import java.util.Locale;
import org.apache.spark.sql.connector.catalog.Identifier;

/** ALTER TABLE/VIEW ... RENAME TO: Unity Catalog renames within a schema (the update's new_name). */
final class UnityRenames {
  private UnityRenames() {}

  /** The new name, when `to` is in the same schema as `from`; a move elsewhere is refused. */
  static String newName(String catalogName, Identifier from, Identifier to) {
    SecurableName source = SecurableName.tableOf(catalogName, from);
    // A one-part target stays in the source's schema, as in Databricks.
    SecurableName target =
        to.namespace().length == 0
            ? new SecurableName(source.catalog(), source.schema(), to.name().toLowerCase(Locale.ROOT))
            : SecurableName.tableOf(catalogName, to);
    if (!target.schemaFullName().equals(source.schemaFullName())) {
      throw new UnsupportedOperationException(
          "Cannot move " + source.fullName() + " to another schema (" + target.fullName() + "); rename it within "
              + source.schemaFullName());
    }
    return target.name();
  }
}
