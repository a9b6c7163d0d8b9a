package dev.brickyard.catalog;

import org.apache.spark.sql.SparkSessionExtensions;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * The session extension (spark.sql.extensions) that teaches Spark's parser the Databricks
 * statements about catalogs and volumes ({@link CatalogStatements}).
 */
public class UnityCatalogExtensions implements Function1<SparkSessionExtensions, BoxedUnit> {
  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectParser((session, parser) -> new CatalogStatementParser(parser));
    return BoxedUnit.UNIT;
  }
}
